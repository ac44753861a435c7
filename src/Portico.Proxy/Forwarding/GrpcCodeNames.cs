namespace Portico.Proxy.Forwarding;

/// <summary>gRPC code names as Go spells them (what grpc-ecosystem metrics use): <c>Canceled</c>, not <c>Cancelled</c>.</summary>
internal static class GrpcCodeNames
{
    private static readonly string[] Names =
    [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied",
        "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss",
        "Unauthenticated",
    ];

    public static string Of(int code) => (uint)code < (uint)Names.Length ? Names[code] : "Unknown";
}
