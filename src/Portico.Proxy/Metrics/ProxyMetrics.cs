using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>
/// The data plane's metrics, in a registry of its own (one per data plane, so tests can run several).
/// Route labels use the user's names (<c>grpcroute/ns/name/rule/0</c>); unmatched calls count as <c>none</c>.
/// </summary>
public sealed class ProxyMetrics
{
    private readonly Counter _requests;

    public ProxyMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("portico_requests_total", "Requests handled by the data plane, by route and result code.",
            new CounterConfiguration { LabelNames = ["route", "code"] });
    }

    public CollectorRegistry Registry { get; }

    public void Request(string route, string code) => _requests.WithLabels(route, code).Inc();

    /// <summary>Writes the Prometheus text exposition format.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(destination, cancellationToken);
}
