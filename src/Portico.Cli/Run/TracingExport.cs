using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portico.Proxy.Telemetry;

namespace Portico.Cli.Run;

/// <summary>
/// OTLP export of the data plane's spans (<c>--otlp-endpoint</c>): an OpenTelemetry tracer provider subscribed to
/// the <c>Portico.Proxy</c> source, batching to the collector. Without an endpoint nothing is created, nothing
/// listens to the source and the data plane creates no spans.
/// </summary>
internal static class TracingExport
{
    public static TracerProvider Start(Uri endpoint, OtlpExportProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "" or "/")
        {
            // Set in code, the HTTP endpoint is used as is: add the signal's path.
            endpoint = new Uri(endpoint, "/v1/traces");
        }

        return Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("portico", serviceVersion: typeof(TracingExport).Assembly.GetName().Version?.ToString()))
            .AddSource(ProxyTracing.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = endpoint;
                o.Protocol = protocol;
            })
            .Build()!;
    }
}
