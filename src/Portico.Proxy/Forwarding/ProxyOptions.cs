using Portico.Proxy.Backends;

namespace Portico.Proxy.Forwarding;

/// <summary>Data-plane settings. Validated by the CLI at start.</summary>
public sealed record ProxyOptions
{
    /// <summary>Endpoint choice inside a backend. Default <see cref="LoadBalancingPolicy.RoundRobin"/>.</summary>
    public LoadBalancingPolicy LoadBalancing { get; init; } = LoadBalancingPolicy.RoundRobin;

    /// <summary>Upstream TCP connect timeout. Default 5 s; range 100 ms – 60 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Idle time after which an upstream call with no progress at all is cut. Default 1 hour, so quiet gRPC streams
    /// (watch/subscribe) survive; deadlines (<c>grpc-timeout</c>, route timeouts) bound ordinary calls.
    /// </summary>
    public TimeSpan IdleStreamTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Largest request body captured for a RequestMirror copy; larger bodies are not mirrored. Default 1 MiB.</summary>
    public int MaxMirrorBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Access log target: null (default) for none, <c>stdout</c>, or a file path (appended to). One JSON line per
    /// call, written off the request path (see <see cref="Telemetry.AccessLogWriter"/>).
    /// </summary>
    public string? AccessLog { get; init; }

    /// <summary>Share of calls written to the access log. Default 1; range 0 – 1 (0 writes nothing).</summary>
    public double AccessLogSampleRate { get; init; } = 1;

    /// <summary>Access log lines that may wait for the writer; past it lines are dropped and counted. Default 8192; range ≥ 1.</summary>
    public int AccessLogQueueCapacity { get; init; } = 8192;

    /// <summary>
    /// Spans per call from the <c>Portico.Proxy</c> <see cref="System.Diagnostics.ActivitySource"/>, with W3C
    /// <c>traceparent</c> rewritten to the gateway's span upstream. Default false: no span, trace headers pass
    /// through unchanged. Spans are only created while something listens to the source (an exporter).
    /// </summary>
    public bool Tracing { get; init; }

    /// <summary>
    /// Generate an <c>x-request-id</c> (UUID-shaped) for requests without one. Either way the id is forwarded
    /// upstream, returned in the response headers and written to the access log. Default true.
    /// </summary>
    public bool GenerateRequestIds { get; init; } = true;

    /// <summary>
    /// Cap on distinct <c>grpc_service</c>/<c>grpc_method</c> label pairs (regex and prefix routes let clients choose
    /// method names); past it new methods count as <c>other</c>. Default 2000; range ≥ 0.
    /// </summary>
    public int MaxGrpcMethodLabels { get; init; } = Metrics.ProxyMetrics.DefaultMaxGrpcMethods;

    /// <summary>
    /// Short calls (gRPC methods not known to stream) in flight through the proxy towards one endpoint at most; the
    /// rest wait in FIFO order before anything is allocated for them (see <see cref="Admission.ForwardQueue"/>).
    /// Bounds the proxy's memory under load (each call in flight holds upstream and copy buffers) much as HAProxy's
    /// server <c>maxconn</c> does. Default 1024 (Envoy's default for a cluster's concurrent requests): a bound for
    /// overload, not a shaper of normal load. At 100 it queued ordinary load (512 calls in flight from one client
    /// fleet), and a call that waits costs the h2 path ~20% more CPU (bench/README.md, session 6); range
    /// 0 – 100,000, 0 turns the queue off.
    /// </summary>
    public int UpstreamMaxCalls { get; init; } = DefaultUpstreamMaxCalls;

    /// <summary>
    /// Longest wait in the forwarding queue; a call that waited this long goes anyway (no slot), so calls that
    /// looked short but stay open never stall the queue. Default 1 s; range 1 ms – 1 hour.
    /// </summary>
    public TimeSpan UpstreamQueueTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The path for gRPC calls from HTTP/2 clients to h2c backends: <see cref="GrpcForwarderKind.H2"/> (default:
    /// <see cref="H2GrpcForwarder"/>, Portico's own h2c client), <see cref="GrpcForwarderKind.Direct"/>
    /// (<see cref="GrpcForwarder"/> on HttpClient, no YARP) or <see cref="GrpcForwarderKind.Yarp"/>. HTTP routes,
    /// HTTP/1.1 clients and other backends always go through YARP.
    /// </summary>
    public GrpcForwarderKind GrpcForwarder { get; init; } = GrpcForwarderKind.H2;

    /// <summary>
    /// Streams the h2 forwarder (<see cref="GrpcForwarderKind.H2"/>) opens on one upstream connection at most, below
    /// the server's own limit; more calls in flight open more connections to the endpoint. Default 100 (Kestrel's
    /// own default limit): on a server allowing more, 512 calls of 8 KiB on one connection all wait for its one
    /// send window, and spread over 6 they run 18% faster with 8% less CPU per call; 100-byte calls are unchanged
    /// within noise (bench/README.md, session 7). 0: the server's limit alone. Range 0 – 1,000,000.
    /// </summary>
    public int UpstreamStreamsPerConnection { get; init; } = DefaultUpstreamStreamsPerConnection;

    /// <summary>Default of <see cref="UpstreamStreamsPerConnection"/>.</summary>
    public const int DefaultUpstreamStreamsPerConnection = 100;

    /// <summary>Default of <see cref="UpstreamMaxCalls"/>.</summary>
    public const int DefaultUpstreamMaxCalls = 1024;
}
