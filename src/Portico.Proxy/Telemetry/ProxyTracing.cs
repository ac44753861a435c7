using System.Diagnostics;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// The data plane's spans: one server span per call from <see cref="Source"/> (<c>Portico.Proxy</c>), child of the
/// client's W3C <c>traceparent</c> when it sent one, and the parent of the upstream call (the proxy rewrites
/// <c>traceparent</c> to its span). Spans exist only when tracing is enabled in <see cref="Forwarding.ProxyOptions"/>
/// and something listens to the source (the CLI's OTLP exporter); otherwise nothing is created and the client's
/// trace headers pass through unchanged.
/// <para>
/// Cost when disabled: one bool test. When enabled: <see cref="ActivitySource.HasListeners"/>, parsing
/// <c>traceparent</c>, one <see cref="Activity"/> and its tags, a rewritten <c>traceparent</c> string.
/// </para>
/// </summary>
public static class ProxyTracing
{
    /// <summary>The <see cref="ActivitySource"/> name to subscribe to (e.g. OpenTelemetry's <c>AddSource</c>).</summary>
    public const string SourceName = "Portico.Proxy";

    internal static readonly ActivitySource Source = new(SourceName, typeof(ProxyTracing).Assembly.GetName().Version?.ToString());

    /// <summary>W3C <c>traceparent</c> for <paramref name="activity"/>: <c>00-trace-span-flags</c>.</summary>
    internal static string TraceParent(Activity activity) =>
        string.Concat("00-", activity.TraceId.ToHexString(), "-", activity.SpanId.ToHexString(),
            (activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "-01" : "-00");
}
