using System.Collections.Concurrent;
using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>One backend's children in the per-backend families (by backend id, shared across table versions).</summary>
internal sealed class BackendStats(BackendFamilies families, string id)
{
    public string Id { get; } = id;

    public Histogram.Child Duration { get; } = families.Duration.WithLabels(id);

    public Gauge.Child Active { get; } = families.Active.WithLabels(id);
}

/// <summary>
/// One (route, backend) pair: the children of <c>portico_backend_requests_total</c> and
/// <c>portico_backend_errors_total</c>, and the backend's own stats. Cached per compiled destination.
/// </summary>
internal sealed class DestinationStats(BackendFamilies families, string route, BackendStats? backend, string backendLabel)
{
    private readonly Counter.Child?[] _grpc = new Counter.Child?[GrpcCodes.Count];
    private readonly Counter.Child?[] _grpcErrors = new Counter.Child?[GrpcCodes.Count];
    private readonly ConcurrentDictionary<int, Counter.Child> _http = new();
    private readonly ConcurrentDictionary<int, Counter.Child> _httpErrors = new();

    /// <summary>Null for a destination that is a fixed failure (an invalid backendRef).</summary>
    public BackendStats? Backend { get; } = backend;

    public string Route { get; } = route;

    /// <summary>The backend id, or <c>invalid</c>.</summary>
    public string BackendLabel { get; } = backendLabel;

    public void GrpcResult(int code)
    {
        var i = GrpcCodes.Index(code);
        (_grpc[i] ??= families.Requests.WithLabels(Route, BackendLabel, GrpcCodes.Name(i))).Inc();
        if (i != GrpcCodes.Ok)
        {
            (_grpcErrors[i] ??= families.Errors.WithLabels(Route, BackendLabel, GrpcCodes.Name(i))).Inc();
        }
    }

    public void HttpResult(int status)
    {
        status = Math.Clamp(status, 0, 999);
        _http.GetOrAdd(status, static (s, d) => d.Families.Requests.WithLabels(d.Route, d.BackendLabel, RouteStats.Status(s)), this).Inc();
        if (status >= 500)
        {
            _httpErrors.GetOrAdd(status, static (s, d) => d.Families.Errors.WithLabels(d.Route, d.BackendLabel, RouteStats.Status(s)), this).Inc();
        }
    }

    private BackendFamilies Families => families;
}

/// <summary>The per-backend families.</summary>
internal sealed class BackendFamilies(IMetricFactory factory)
{
    public Counter Requests { get; } = factory.CreateCounter("portico_backend_requests_total",
        "Requests forwarded (or refused) per route and backend, by result code.",
        new CounterConfiguration { LabelNames = ["route", "backend", "code"] });

    public Counter Errors { get; } = factory.CreateCounter("portico_backend_errors_total",
        "Failed requests per route and backend, by result code: gRPC calls not OK, HTTP requests answered 5xx.",
        new CounterConfiguration { LabelNames = ["route", "backend", "code"] });

    public Histogram Duration { get; } = factory.CreateHistogram("portico_backend_request_duration_seconds",
        "Duration of forwarded requests, by backend (from picking an endpoint to the end of the response).",
        new HistogramConfiguration { LabelNames = ["backend"], Buckets = ProxyMetrics.DefBuckets, ExemplarBehavior = ProxyMetrics.TraceExemplars });

    public Gauge Active { get; } = factory.CreateGauge("portico_backend_active_streams",
        "Forwarded requests and streams in flight, by backend.", new GaugeConfiguration { LabelNames = ["backend"] });

    public Gauge Endpoints { get; } = factory.CreateGauge("portico_backend_endpoints",
        "Endpoints of each backend in the configuration in force, by state (ready endpoints get traffic).",
        new GaugeConfiguration { LabelNames = ["backend", "state"] });
}
