using Portico.Routing.Backends;

namespace Portico.Translation.Backends;

/// <summary>
/// What a Service port's <c>appProtocol</c> says about the wire protocol (KEP-3726). gRPC needs HTTP/2, so a
/// GRPCRoute backend is h2c unless the port names something else; an HTTPRoute backend is HTTP/1.1 unless the
/// port says h2c. Backend TLS (BackendTLSPolicy) is not built yet, so TLS protocols are refused honestly.
/// </summary>
internal static class AppProtocols
{
    /// <returns>The protocol, or null with a reason when Portico cannot speak it to this backend.</returns>
    public static (BackendProtocol? Protocol, string? Error) Resolve(string? appProtocol, bool grpc)
    {
        switch (appProtocol?.ToLowerInvariant())
        {
            case null or "":
                return (grpc ? BackendProtocol.H2c : BackendProtocol.Http1, null);
            case "kubernetes.io/h2c" or "h2c" or "http2" or "grpc" or "kubernetes.io/grpc":
                return (BackendProtocol.H2c, null);
            case "http" or "kubernetes.io/http" or "http1" or "http/1.1":
                return grpc ? (null, $"appProtocol \"{appProtocol}\" is HTTP/1.1, which cannot carry gRPC") : (BackendProtocol.Http1, null);
            case "kubernetes.io/ws":
                return grpc ? (null, "appProtocol \"kubernetes.io/ws\" (WebSocket) cannot carry gRPC") : (BackendProtocol.Http1, null);
            case "https" or "kubernetes.io/wss" or "tls" or "grpcs" or "h2":
                return (null, $"appProtocol \"{appProtocol}\" needs TLS to the backend, which Portico does not support yet");
            default:
                // Unknown values (e.g. "tcp", "mysql") carry no HTTP meaning; infer from the route kind as the spec allows.
                return (grpc ? BackendProtocol.H2c : BackendProtocol.Http1, null);
        }
    }
}
