namespace Portico.Proxy.Forwarding;

/// <summary>gRPC status codes used by the gateway's own replies (grpc/grpc doc/statuscodes.md).</summary>
internal static class GrpcStatusCodes
{
    public const int Ok = 0;
    public const int Cancelled = 1;
    public const int DeadlineExceeded = 4;
    public const int Unimplemented = 12;
    public const int Internal = 13;
    public const int Unavailable = 14;
}
