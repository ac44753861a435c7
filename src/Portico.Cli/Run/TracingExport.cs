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
/// <para>
/// Every OpenTelemetry type stays inside this class (its callers see only this type and strings), so a gateway
/// started without <c>--otlp-endpoint</c> never loads the OpenTelemetry assemblies: no mapped code, no JIT.
/// </para>
/// </summary>
internal sealed class TracingExport : IDisposable
{
    private readonly TracerProvider _provider;

    private TracingExport(TracerProvider provider) => _provider = provider;

    /// <param name="endpoint">The collector.</param>
    /// <param name="protocol"><c>grpc</c> or <c>http/protobuf</c>.</param>
    public static TracingExport Start(Uri endpoint, string protocol)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var otlp = protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        if (otlp == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "" or "/")
        {
            // Set in code, the HTTP endpoint is used as is: add the signal's path.
            endpoint = new Uri(endpoint, "/v1/traces");
        }

        return new TracingExport(Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("portico", serviceVersion: typeof(TracingExport).Assembly.GetName().Version?.ToString()))
            .AddSource(ProxyTracing.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = endpoint;
                o.Protocol = otlp;
            })
            .Build()!);
    }

    /// <summary>Exports the spans batched so far.</summary>
    public bool ForceFlush(TimeSpan timeout) => _provider.ForceFlush((int)timeout.TotalMilliseconds);

    /// <summary>Exports the spans still batched and stops.</summary>
    public void Dispose() => _provider.Dispose();
}
