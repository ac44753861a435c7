using System.Net.Security;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Compilation;

/// <summary>
/// One socket in one table version: its listeners ordered by hostname specificity (exact, longest wildcard, none),
/// used both for SNI certificate choice and for picking the listener of a request (listener isolation).
/// </summary>
internal sealed class CompiledSocket(SocketSpec spec, CompiledListener[] listeners, Dictionary<string, SslStreamCertificateContext> certificates)
{
    public SocketSpec Spec { get; } = spec;

    public CompiledListener[] Listeners { get; } = listeners;

    /// <summary>The listener whose hostname matches <paramref name="host"/> most specifically, or null.</summary>
    public CompiledListener? SelectListener(string? host)
    {
        foreach (var l in Listeners)
        {
            var h = l.Config.Hostname;
            if (h is null)
            {
                return l;
            }

            if (host is null)
            {
                continue;
            }

            if (h.StartsWith("*.", StringComparison.Ordinal)
                ? host.Length > h.Length - 1 && host.AsSpan().EndsWith(h.AsSpan(1), StringComparison.Ordinal)
                : string.Equals(h, host, StringComparison.Ordinal))
            {
                return l;
            }
        }

        return null;
    }

    /// <summary>TLS options for a handshake: the certificate of the listener SNI selects (none without a match).</summary>
    public SslServerAuthenticationOptions? SelectTls(string? serverName)
    {
        var listener = SelectListener(serverName?.ToLowerInvariant());
        if (listener is null || listener.Config.CertificateIds.Count == 0 ||
            !certificates.TryGetValue(listener.Config.CertificateIds[0], out var context))
        {
            return null;
        }

        return new SslServerAuthenticationOptions { ServerCertificateContext = context };
    }
}
