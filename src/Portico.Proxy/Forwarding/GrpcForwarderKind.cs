namespace Portico.Proxy.Forwarding;

/// <summary>Which forwarding path carries gRPC calls from HTTP/2 clients to h2c backends (<c>portico run --grpc-forwarder</c>).</summary>
public enum GrpcForwarderKind
{
    /// <summary><see cref="GrpcForwarder"/>: one HttpRequestMessage on the shared invoker, pipes copied directly.</summary>
    Direct,

    /// <summary>YARP's <c>IHttpForwarder</c> with Portico's transformer and flush deferral (every other call takes it anyway).</summary>
    Yarp,

    /// <summary><see cref="H2GrpcForwarder"/>: Portico's own multiplexed h2c client (Upstream/Http2), no HttpClient.</summary>
    H2,
}
