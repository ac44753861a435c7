using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Portico.Proxy.Compilation;
using Portico.Routing.Backends;
using Portico.Routing.Matching;
using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>
/// The data plane's metrics, in a registry of its own (one per data plane, so tests can run several). The families
/// and label sets are listed in <c>README.md</c> beside this file. Route labels use the user's names
/// (<c>grpcroute/ns/name/rule/0</c>); unmatched calls count as route <c>none</c> and gRPC method <c>unknown</c>.
/// <para>
/// Why prometheus-net (8.2.1) rather than OpenTelemetry's Prometheus exporter: it is stable (the OTel exporter is a
/// beta), it writes names, label order and HELP exactly as declared here (OTel sorts labels, omits HELP without a
/// description and needs views for the buckets), so grpc-ecosystem rules and dashboards work unchanged, and it
/// supports exemplars. Every recording goes through this class and the *Stats types, so swapping is local.
/// </para>
/// <para>
/// Hot-path design: label children are resolved once (per route label, per compiled destination, per gRPC method
/// and type) and cached; a call then costs lookups and interlocked adds, never label-array allocations. Exemplars
/// are off for counters and on (trace context, at most one new exemplar per series per second) for the duration
/// histograms, where they cost nothing unless a span is current.
/// </para>
/// </summary>
public sealed class ProxyMetrics
{
    /// <summary>Default cap on distinct <c>grpc_service</c>/<c>grpc_method</c> pairs.</summary>
    public const int DefaultMaxGrpcMethods = 2000;

    /// <summary>Prometheus' DefBuckets (go-grpc-prometheus' default), seconds.</summary>
    internal static readonly double[] DefBuckets = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];

    internal static readonly ExemplarBehavior TraceExemplars = new()
    {
        DefaultExemplarProvider = static (_, _) => System.Diagnostics.Activity.Current is null ? Exemplar.None : Exemplar.FromTraceContext(),
        NewExemplarMinInterval = TimeSpan.FromSeconds(1),
    };

    private readonly ConcurrentDictionary<string, RouteStats> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BackendStats> _backends = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<RouteSource, RouteStats> _routeBySource = [];
    private readonly ConditionalWeakTable<CompiledDestination, DestinationStats> _destinations = [];
    private readonly RouteFamilies _routeFamilies;
    private readonly BackendFamilies _backendFamilies;
    private readonly Counter.Child _accessLogDropped;
    private readonly Counter.Child _accessLogWritten;
    private readonly object _endpointsLock = new();
    private HashSet<string> _endpointBackends = new(StringComparer.Ordinal);

    public ProxyMetrics()
        : this(DefaultMaxGrpcMethods)
    {
    }

    /// <param name="maxGrpcMethods">Cap on distinct service/method label pairs; past it, new pairs count as <c>other</c>.</param>
    public ProxyMetrics(int maxGrpcMethods)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        _routeFamilies = new RouteFamilies(factory);
        _backendFamilies = new BackendFamilies(factory);
        Grpc = new GrpcMethodTable(new GrpcFamilies(factory), maxGrpcMethods);
        var accessLog = factory.CreateCounter("portico_access_log_lines_total",
            "Access log lines, by result: written, or dropped because the writer fell behind (bounded queue full).",
            new CounterConfiguration { LabelNames = ["result"] });
        _accessLogWritten = accessLog.WithLabels("written");
        _accessLogDropped = accessLog.WithLabels("dropped");
        NoRoute = RouteByLabel("none");
        Queue = new QueueMetrics(factory);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The factory for families registered next to the data plane's (e.g. the control plane's), served on the same <c>/metrics</c>.</summary>
    public IMetricFactory Factory => Prometheus.Metrics.WithCustomRegistry(Registry);

    internal GrpcMethodTable Grpc { get; }

    /// <summary>The forwarding queues' depth and outcomes.</summary>
    internal QueueMetrics Queue { get; }

    /// <summary>Route <c>none</c>: requests that matched no listener or route.</summary>
    internal RouteStats NoRoute { get; }

    /// <summary>The stats of a matched route. Cost: one <see cref="ConditionalWeakTable{TKey,TValue}"/> lookup by reference.</summary>
    internal RouteStats Route(RouteSource source) =>
        _routeBySource.TryGetValue(source, out var stats) ? stats : _routeBySource.GetValue(source, s => RouteByLabel(RouteLabel(s)));

    /// <summary>The stats of a picked destination. Cost: one <see cref="ConditionalWeakTable{TKey,TValue}"/> lookup by reference.</summary>
    internal DestinationStats Destination(RouteStats route, CompiledDestination destination) =>
        _destinations.TryGetValue(destination, out var stats) ? stats : AddDestination(route, destination);

    // Apart from Destination: a lambda capturing `route` there would allocate its closure on every call, hit or miss.
    private DestinationStats AddDestination(RouteStats route, CompiledDestination destination) => _destinations.GetValue(destination, d =>
    {
        var backend = d.Backend is { } b ? _backends.GetOrAdd(b.Id, static (id, f) => new BackendStats(f, id), _backendFamilies) : null;
        return new DestinationStats(_backendFamilies, route.Label, backend, backend?.Id ?? "invalid");
    });

    internal void AccessLogWritten(int lines) => _accessLogWritten.Inc(lines);

    internal void AccessLogDropped() => _accessLogDropped.Inc();

    /// <summary>
    /// Sets <c>portico_backend_endpoints</c> from the configuration in force (called when a table is applied, so
    /// scrapes and calls pay nothing); backends that left the configuration lose their series.
    /// </summary>
    public void SetEndpoints(IEnumerable<BackendConfig> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        lock (_endpointsLock)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var b in backends)
            {
                if (!seen.Add(b.Id))
                {
                    continue;
                }

                var ready = b.Endpoints.Count(e => e.Ready);
                _backendFamilies.Endpoints.WithLabels(b.Id, "ready").Set(ready);
                _backendFamilies.Endpoints.WithLabels(b.Id, "not_ready").Set(b.Endpoints.Count - ready);
            }

            foreach (var gone in _endpointBackends)
            {
                if (!seen.Contains(gone))
                {
                    _backendFamilies.Endpoints.RemoveLabelled(gone, "ready");
                    _backendFamilies.Endpoints.RemoveLabelled(gone, "not_ready");
                }
            }

            _endpointBackends = seen;
        }
    }

    /// <summary>Current totals of <c>portico_requests_total</c>, for the admin API's live view: (route, code) → count.</summary>
    public IReadOnlyList<(string Route, string Code, double Count)> RouteTotals()
    {
        var counter = _routeFamilies.Requests;
        var result = new List<(string, string, double)>();
        foreach (var labels in counter.GetAllLabelValues())
        {
            result.Add((labels[0], labels[1], counter.WithLabels(labels).Value));
        }

        return result;
    }

    /// <summary>Current totals of <c>portico_backend_requests_total</c>, for the admin API's live view: (route, backend, code) → count.</summary>
    public IReadOnlyList<(string Route, string Backend, string Code, double Count)> BackendTotals()
    {
        var counter = _backendFamilies.Requests;
        var result = new List<(string, string, string, double)>();
        foreach (var labels in counter.GetAllLabelValues())
        {
            result.Add((labels[0], labels[1], labels[2], counter.WithLabels(labels).Value));
        }

        return result;
    }

    /// <summary>Writes the Prometheus text exposition format (0.0.4).</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    internal static string RouteLabel(RouteSource s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Kind.ToLowerInvariant()}/{s.Namespace}/{s.Name}/rule/{s.Rule}");

    private RouteStats RouteByLabel(string label) => _routes.GetOrAdd(label, static (l, f) => new RouteStats(f, l), _routeFamilies);
}
