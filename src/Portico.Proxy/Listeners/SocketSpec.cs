namespace Portico.Proxy.Listeners;

/// <summary>
/// One listening socket: an address and port, cleartext (HTTP/1.1 and h2c on one port) or TLS (SNI, ALPN h2 and
/// http/1.1). Several Gateway listeners may share one socket; the application tells them apart per request.
/// </summary>
public sealed record SocketSpec(string Address, int Port, bool Tls)
{
    /// <summary><c>address:port</c> (IPv6 in brackets): the identity of the socket across table versions.</summary>
    public string Key => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
