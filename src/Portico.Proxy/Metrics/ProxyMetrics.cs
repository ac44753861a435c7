using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>
/// The data plane's metrics, in a registry of its own (one per data plane, so tests can run several).
/// Route labels use the user's names (<c>grpcroute/ns/name/rule/0</c>); unmatched calls count as <c>none</c>.
/// </summary>
public sealed class ProxyMetrics
{
    private readonly Counter _requests;
    private readonly Counter _backendRequests;

    public ProxyMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("portico_requests_total", "Requests handled by the data plane, by route and result code.",
            new CounterConfiguration { LabelNames = ["route", "code"] });
        _backendRequests = factory.CreateCounter("portico_backend_requests_total", "Requests forwarded (or refused) per route and backend, by result code.",
            new CounterConfiguration { LabelNames = ["route", "backend", "code"] });
    }

    public CollectorRegistry Registry { get; }

    public void Request(string route, string code) => _requests.WithLabels(route, code).Inc();

    /// <summary>One call that picked <paramref name="backend"/> (a backend id, or <c>invalid</c> for the failure share).</summary>
    public void BackendRequest(string route, string backend, string code) => _backendRequests.WithLabels(route, backend, code).Inc();

    /// <summary>Current totals, for the admin API's live view: (route, backend, code) → count.</summary>
    public IReadOnlyList<(string Route, string Backend, string Code, double Count)> BackendTotals()
    {
        var result = new List<(string, string, string, double)>();
        foreach (var labels in _backendRequests.GetAllLabelValues())
        {
            result.Add((labels[0], labels[1], labels[2], _backendRequests.WithLabels(labels).Value));
        }

        return result;
    }

    /// <summary>Writes the Prometheus text exposition format.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(destination, cancellationToken);
}
