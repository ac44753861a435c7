using System.Runtime.CompilerServices;

namespace Portico.Proxy.Listeners;

/// <summary>
/// One listening socket: an address and port, cleartext (HTTP/1.1 and h2c on one port) or TLS (SNI, ALPN h2 and
/// http/1.1). Several Gateway listeners may share one socket; the application tells them apart per request.
/// </summary>
public sealed record SocketSpec(string Address, int Port, bool Tls)
{
    // Per instance, outside the record's fields (so equality and `with` copies are unaffected): every request
    // looks its socket up by key, and formatting the string each time was a visible allocation per call.
    private static readonly ConditionalWeakTable<SocketSpec, string> Keys = [];

    /// <summary><c>address:port</c> (IPv6 in brackets): the identity of the socket across table versions.</summary>
    public string Key => Keys.TryGetValue(this, out var key) ? key : Keys.GetValue(this, static s => s.FormatKey());

    private string FormatKey() => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
