using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>
/// One route's children in the per-route families, resolved once per route label (shared by every table version
/// that has the route). Per-call cost: an array index or a small dictionary lookup per family; no label arrays.
/// </summary>
internal sealed class RouteStats
{
    private readonly RouteFamilies _families;
    private readonly Counter.Child?[] _grpcRequests = new Counter.Child?[GrpcCodes.Count];
    private readonly Counter.Child?[] _grpcErrors = new Counter.Child?[GrpcCodes.Count];
    private readonly ConcurrentDictionary<int, Counter.Child> _httpRequests = new();
    private readonly ConcurrentDictionary<int, Counter.Child> _httpErrors = new();
    private readonly ConcurrentDictionary<int, Counter.Child> _httpByMethod = new();
    private readonly Histogram.Child?[] _httpDuration = new Histogram.Child?[HttpMethodLabels.Count];

    public RouteStats(RouteFamilies families, string label)
    {
        _families = families;
        Label = label;
        Duration = families.Duration.WithLabels(label);
        Active = families.Active.WithLabels(label);
    }

    /// <summary><c>grpcroute/ns/name/rule/N</c>, or <c>none</c> for calls that matched no route.</summary>
    public string Label { get; }

    public Histogram.Child Duration { get; }

    public Gauge.Child Active { get; }

    /// <summary><c>portico_requests_total</c> (and <c>portico_request_errors_total</c> when not OK) for a gRPC call.</summary>
    public void GrpcResult(int code)
    {
        var i = GrpcCodes.Index(code);
        (_grpcRequests[i] ??= _families.Requests.WithLabels(Label, GrpcCodes.Name(i))).Inc();
        if (i != GrpcCodes.Ok)
        {
            (_grpcErrors[i] ??= _families.Errors.WithLabels(Label, GrpcCodes.Name(i))).Inc();
        }
    }

    /// <summary>
    /// <c>portico_requests_total</c>, <c>portico_http_requests_total</c> and their duration histogram for a plain
    /// HTTP request; a 5xx also counts in <c>portico_request_errors_total</c>.
    /// </summary>
    public void HttpResult(int method, int status, double seconds)
    {
        status = Math.Clamp(status, 0, 999);
        _httpRequests.GetOrAdd(status, static (s, r) => r._families.Requests.WithLabels(r.Label, Status(s)), this).Inc();
        if (status >= 500)
        {
            _httpErrors.GetOrAdd(status, static (s, r) => r._families.Errors.WithLabels(r.Label, Status(s)), this).Inc();
        }

        _httpByMethod.GetOrAdd(method * 1000 + status,
            static (k, r) => r._families.HttpRequests.WithLabels(r.Label, HttpMethodLabels.Name(k / 1000), Status(k % 1000)), this).Inc();
        (_httpDuration[method] ??= _families.HttpDuration.WithLabels(Label, HttpMethodLabels.Name(method))).Observe(seconds);
    }

    internal static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The per-route families.</summary>
internal sealed class RouteFamilies(IMetricFactory factory)
{
    public Counter Requests { get; } = factory.CreateCounter("portico_requests_total",
        "Requests handled by the data plane, by route and result code (gRPC: Go code name; HTTP: status).",
        new CounterConfiguration { LabelNames = ["route", "code"] });

    public Counter Errors { get; } = factory.CreateCounter("portico_request_errors_total",
        "Requests that failed, by route and result code: gRPC calls not OK, HTTP requests answered 5xx.",
        new CounterConfiguration { LabelNames = ["route", "code"] });

    public Histogram Duration { get; } = factory.CreateHistogram("portico_request_duration_seconds",
        "Time from the request's arrival to the end of its response, by route.",
        new HistogramConfiguration { LabelNames = ["route"], Buckets = ProxyMetrics.DefBuckets, ExemplarBehavior = ProxyMetrics.TraceExemplars });

    public Gauge Active { get; } = factory.CreateGauge("portico_active_streams",
        "Requests and streams in flight, by route.", new GaugeConfiguration { LabelNames = ["route"] });

    public Counter HttpRequests { get; } = factory.CreateCounter("portico_http_requests_total",
        "Plain HTTP (non-gRPC) requests, by route, method and status.",
        new CounterConfiguration { LabelNames = ["route", "method", "code"] });

    public Histogram HttpDuration { get; } = factory.CreateHistogram("portico_http_request_duration_seconds",
        "Plain HTTP (non-gRPC) request duration, by route and method.",
        new HistogramConfiguration { LabelNames = ["route", "method"], Buckets = ProxyMetrics.DefBuckets, ExemplarBehavior = ProxyMetrics.TraceExemplars });
}

/// <summary>HTTP method label values: the RFC 9110 methods and PATCH; anything else is <c>OTHER</c> (clients choose methods).</summary>
internal static class HttpMethodLabels
{
    private static readonly string[] Names = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "OTHER"];

    public static int Count => Names.Length;

    public static string Name(int index) => Names[index];

    /// <summary>Kestrel hands out interned strings for known methods, so this is usually a reference comparison.</summary>
    public static int Index(string method)
    {
        for (var i = 0; i < Names.Length - 1; i++)
        {
            if (ReferenceEquals(method, Names[i]) || string.Equals(method, Names[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Names.Length - 1;
    }
}
