using System.Diagnostics;
using Portico.Proxy.Backends;
using Portico.Proxy.Metrics;
using Portico.Routing.Matching;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// What the telemetry needs to know about one call, filled in as the handler decides (listener, route, backend,
/// endpoint) and read once at the end by <see cref="CallObserver.Complete"/>. One allocation per call; it holds no
/// reference to the <see cref="Microsoft.AspNetCore.Http.HttpContext"/>, so issue-6 work may pool it.
/// </summary>
internal sealed class CallTelemetry
{
    private Admission.ForwardQueue? _slot;

    public long StartTimestamp { get; init; }

    public bool Grpc { get; init; }

    /// <summary>The client's or a generated <c>x-request-id</c>; null when absent and generation is off.</summary>
    public string? RequestId { get; init; }

    /// <summary>True when <see cref="RequestId"/> was made here (so it must be added upstream).</summary>
    public bool RequestIdGenerated { get; init; }

    /// <summary>The call's span, or null (tracing off, nobody listening, or not sampled at all).</summary>
    public Activity? Activity { get; init; }

    /// <summary>Whether this call goes to the access log.</summary>
    public bool Logged { get; init; }

    public RequestBodyCounter? RequestBody { get; init; }

    public ResponseBodyCounter? ResponseBody { get; init; }

    /// <summary>
    /// True while <see cref="ResponseBody"/> counts without standing in for the server's response body feature: a
    /// gRPC call over HTTP/2 that the h2 forwarder may take, which writes to the server's pipe and counts itself.
    /// Installing the feature later, only for a call that goes another way (<see cref="InstallResponseCounter"/>),
    /// spares the h2 path a feature swap, after which ASP.NET Core looks up every feature it had cached again.
    /// </summary>
    public bool ResponseCounterDeferred { get; private set; }

    /// <summary>Marks <see cref="ResponseBody"/> as not yet installed (<see cref="CallObserver.Begin"/>).</summary>
    internal void DeferResponseCounter() => ResponseCounterDeferred = true;

    /// <summary>
    /// Puts the deferred <see cref="ResponseBody"/> in place of the server's response body feature, for a path that
    /// writes through <c>Response.Body</c> (YARP, HttpClient's direct path); does nothing when it is already installed.
    /// </summary>
    public void InstallResponseCounter(Microsoft.AspNetCore.Http.HttpContext context)
    {
        if (ResponseCounterDeferred)
        {
            ResponseCounterDeferred = false;
            context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(ResponseBody);
        }
    }

    public string? Listener { get; set; }

    public RouteSource? RouteSource { get; private set; }

    public RouteStats? Route { get; private set; }

    public DestinationStats? Destination { get; private set; }

    public EndpointState? Endpoint { get; private set; }

    /// <summary>gRPC: the method's stats (<c>unknown</c> when no route matched).</summary>
    public GrpcMethodStats? Method { get; private set; }

    /// <summary>gRPC: the series <c>grpc_server_started_total</c> was counted in at start (type known), else null.</summary>
    public GrpcMethodStats.TypedSeries? StartedSeries { get; private set; }

    /// <summary>The client's <c>grpc-timeout</c>, to tell a client's deadline from a plain cancel.</summary>
    public TimeSpan? ClientTimeout { get; set; }

    public ForwarderError Error { get; set; }

    /// <summary>The gRPC status the gateway meant when forwarding failed (it can only reset a stream that has started).</summary>
    public int? ReplyStatus { get; set; }

    /// <summary>Records the route (null: none matched) and, for gRPC, counts the call as started when its method's type is known.</summary>
    public void Routed(ProxyMetrics metrics, RouteSource? source, string path)
    {
        RouteSource = source;
        Route = source is null ? metrics.NoRoute : metrics.Route(source);
        Route.Active.Inc();
        if (!Grpc)
        {
            return;
        }

        Method = source is null ? metrics.Grpc.Unknown : metrics.Grpc.Get(path);
        if (Method.KnownType is { } type)
        {
            var series = StartedSeries = Method.Series(type);
            series.Started.Inc();
            RequestBody!.Live = series.Received;
            ResponseBody!.Live = series.Sent;
        }
    }

    /// <summary>The call took a slot of this forwarding queue (<see cref="ReleaseSlot"/> gives it back, once).</summary>
    public void HoldSlot(Admission.ForwardQueue queue) => Volatile.Write(ref _slot, queue);

    /// <summary>Gives the call's queue slot back if it still holds one; later calls do nothing.</summary>
    public void ReleaseSlot() => Interlocked.Exchange(ref _slot, null)?.Exit();

    /// <summary>
    /// The call carried a second message in one direction (a body counter saw it): it streams. A stream may last for
    /// hours, so it gives its queue slot back at once (the queue bounds short calls only), and its method learns that
    /// it streams now, not when the stream ends (a watch stream may never end OK), so its next calls take no slot.
    /// </summary>
    public void StreamShown()
    {
        ReleaseSlot();
        Method?.Learn(RequestBody?.Messages ?? 0, ResponseBody?.Messages ?? 0);
    }

    /// <summary>Records the picked destination, and the endpoint when there is one.</summary>
    public void Picked(ProxyMetrics metrics, Compilation.CompiledDestination destination, EndpointState? endpoint)
    {
        Destination = metrics.Destination(Route!, destination);
        Endpoint = endpoint;
    }
}
