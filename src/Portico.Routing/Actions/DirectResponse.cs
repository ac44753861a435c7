namespace Portico.Routing.Actions;

/// <summary>
/// A reply the gateway makes itself. gRPC requests get a trailers-only reply with <see cref="GrpcStatus"/>; other
/// requests get <see cref="HttpStatus"/>. <see cref="Message"/> goes into <c>grpc-message</c> or the body.
/// </summary>
public sealed record DirectResponse
{
    public int GrpcStatus { get; init; }

    public int HttpStatus { get; init; }

    public string Message { get; set; } = string.Empty;

    /// <summary>Invalid or forbidden backend share (spec: UNAVAILABLE / 500).</summary>
    public static DirectResponse Unavailable(string message) => new() { GrpcStatus = 14, HttpStatus = 500, Message = message };

    /// <summary>A rule without backendRefs (spec: UNIMPLEMENTED for gRPC, 500 for HTTP).</summary>
    public static DirectResponse NoBackends(string message) => new() { GrpcStatus = 12, HttpStatus = 500, Message = message };

    /// <summary>A filter the gateway cannot run (unknown ExtensionRef): INTERNAL / 500.</summary>
    public static DirectResponse Internal(string message) => new() { GrpcStatus = 13, HttpStatus = 500, Message = message };
}
