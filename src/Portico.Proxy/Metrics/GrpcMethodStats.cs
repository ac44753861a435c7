using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>
/// <c>grpc_type</c>. A transparent proxy cannot see a method's type (it is in the .proto, not on the wire), so it is
/// inferred from the messages a call carried: more than one request message → client streaming, more than one
/// response message → server streaming, both → bidi, neither → unary. A stream that happens to carry a single
/// message looks unary (see <see cref="GrpcMethodStats"/> for how a method's type is learned).
/// </summary>
internal enum GrpcCallType
{
    Unary = 0,
    ClientStream = 1,
    ServerStream = 2,
    BidiStream = 3,
}

/// <summary>
/// One <c>grpc_service</c>/<c>grpc_method</c> pair (or the shared <c>unknown</c>/<c>other</c> buckets) with its
/// Prometheus children resolved once, so a call never builds label arrays: the per-call cost is array indexing.
/// <para>
/// Type learning: after a call of this method completes with <c>OK</c>, the method's type is known and later calls
/// count <c>grpc_server_started_total</c> (and their messages, live) at call start with that type. Until then,
/// started and message counts are added at completion with the type the call itself showed. What a method has shown
/// only grows (a server-streaming method first seen with one reply message becomes <c>server_stream</c> on the first
/// call that sends two), so its series can be split across two types for that early period.
/// </para>
/// </summary>
internal sealed class GrpcMethodStats
{
    private const int KnownBit = 4;
    private readonly GrpcFamilies _families;
    private readonly TypedSeries?[] _series = new TypedSeries?[4];
    private int _shape; // bit 0: client streaming seen, bit 1: server streaming seen, bit 2: known

    public GrpcMethodStats(GrpcFamilies families, string service, string method, bool learns)
    {
        _families = families;
        Service = service;
        Method = method;
        Learns = learns;
    }

    public string Service { get; }

    public string Method { get; }

    /// <summary>False for the shared buckets (<c>unknown</c>, <c>other</c>): they mix methods, so they never learn.</summary>
    public bool Learns { get; }

    /// <summary>The learned type, or null while no call has completed OK or shown a stream. One volatile read.</summary>
    public GrpcCallType? KnownType
    {
        get
        {
            var shape = Volatile.Read(ref _shape);
            return (shape & KnownBit) != 0 ? (GrpcCallType)(shape & 3) : null;
        }
    }

    public static GrpcCallType Observed(int received, int sent) =>
        (GrpcCallType)((received > 1 ? 1 : 0) | (sent > 1 ? 2 : 0));

    /// <summary>
    /// Records what a call showed (an OK call, or any call that carried more than one message in a direction). One
    /// interlocked OR, only when something new was learned.
    /// </summary>
    public void Learn(int received, int sent)
    {
        if (!Learns)
        {
            return;
        }

        var bits = KnownBit | (int)Observed(received, sent);
        if ((Volatile.Read(ref _shape) | bits) != Volatile.Read(ref _shape))
        {
            Interlocked.Or(ref _shape, bits);
        }
    }

    /// <summary>The series of this method for one type (created on first use; a benign race creates equal objects).</summary>
    public TypedSeries Series(GrpcCallType type) => _series[(int)type] ??= new TypedSeries(_families, this, type);

    /// <summary>The Prometheus children of one (type, service, method).</summary>
    internal sealed class TypedSeries
    {
        private static readonly string[] TypeNames = ["unary", "client_stream", "server_stream", "bidi_stream"];
        private readonly GrpcFamilies _families;
        private readonly string[] _labels;
        private readonly Counter.Child?[] _handled = new Counter.Child?[GrpcCodes.Count];

        public TypedSeries(GrpcFamilies families, GrpcMethodStats method, GrpcCallType type)
        {
            _families = families;
            _labels = [TypeNames[(int)type], method.Service, method.Method];
            Started = families.Started.WithLabels(_labels);
            Handling = families.Handling.WithLabels(_labels);
            Received = families.Received.WithLabels(_labels);
            Sent = families.Sent.WithLabels(_labels);
        }

        public Counter.Child Started { get; }

        public Histogram.Child Handling { get; }

        public Counter.Child Received { get; }

        public Counter.Child Sent { get; }

        /// <summary><c>grpc_server_handled_total</c> for a status code (0-16; others count as Unknown).</summary>
        public Counter.Child Handled(int code)
        {
            var i = GrpcCodes.Index(code);
            return _handled[i] ??= _families.Handled.WithLabels(_labels[0], _labels[1], _labels[2], GrpcCodes.Name(i));
        }
    }
}

/// <summary>The grpc-ecosystem (go-grpc-prometheus) families, names, HELP and label order as that library has them.</summary>
internal sealed class GrpcFamilies(IMetricFactory factory)
{
    private static readonly string[] Labels = ["grpc_type", "grpc_service", "grpc_method"];

    public Counter Started { get; } = factory.CreateCounter("grpc_server_started_total", "Total number of RPCs started on the server.",
        new CounterConfiguration { LabelNames = Labels });

    public Counter Handled { get; } = factory.CreateCounter("grpc_server_handled_total",
        "Total number of RPCs completed on the server, regardless of success or failure.",
        new CounterConfiguration { LabelNames = [.. Labels, "grpc_code"] });

    public Histogram Handling { get; } = factory.CreateHistogram("grpc_server_handling_seconds",
        "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
        new HistogramConfiguration { LabelNames = Labels, Buckets = ProxyMetrics.DefBuckets, ExemplarBehavior = ProxyMetrics.TraceExemplars });

    public Counter Received { get; } = factory.CreateCounter("grpc_server_msg_received_total", "Total number of RPC stream messages received on the server.",
        new CounterConfiguration { LabelNames = Labels });

    public Counter Sent { get; } = factory.CreateCounter("grpc_server_msg_sent_total", "Total number of gRPC stream messages sent by the server.",
        new CounterConfiguration { LabelNames = Labels });
}
