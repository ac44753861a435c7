using System.Collections.Frozen;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// Headers that describe one connection (RFC 9110 §7.6.1 and the proxy-specific ones YARP also drops) and so are
/// never forwarded in either direction by the direct gRPC path. Same set as YARP's default transform, so both paths
/// forward the same headers; <c>TE</c> is among them and re-added as <c>TE: trailers</c> for gRPC.
/// </summary>
internal static class HopByHop
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Proxy-Authenticate",
        "Proxy-Authentication-Info", "Proxy-Authorization", "Proxy-Features", "Proxy-Instruction", "Security-Scheme",
        "ALPN", "Close", "HTTP2-Settings", "Upgrade-Insecure-Requests", "TE", "Alt-Svc",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a header that must not be forwarded.</summary>
    public static bool Skip(string name) => Names.Contains(name);
}
