using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>HttpClients pinned to a loopback port: HTTP/1.1, h2c prior knowledge, or TLS, with any hostname.</summary>
public static class TestHttpClients
{
    /// <summary>HTTP/1.1 only, plaintext.</summary>
    public static HttpClient Http1(int port, string? host = null) =>
        Create(new ClientTarget(port) { Host = host ?? "127.0.0.1", HttpVersion = HttpVersion.Version11 });

    /// <summary>HTTP/2 with prior knowledge (h2c), plaintext.</summary>
    public static HttpClient H2c(int port, string? host = null) =>
        Create(new ClientTarget(port) { Host = host ?? "127.0.0.1", HttpVersion = HttpVersion.Version20 });

    /// <summary>TLS; <paramref name="version"/> defaults to 2.0 (ALPN h2). Trusts <paramref name="trustedCa"/>, or anything when null.</summary>
    public static HttpClient Https(int port, string host, X509Certificate2? trustedCa = null, Version? version = null) =>
        Create(new ClientTarget(port) { Host = host, UseTls = true, TrustedCa = trustedCa, HttpVersion = version ?? HttpVersion.Version20 });

    /// <summary>A client for <paramref name="target"/>: base address set, version pinned, no redirects, cookies or proxy.</summary>
    public static HttpClient Create(ClientTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new HttpClient(PinnedHandler.Create(target), disposeHandler: true)
        {
            BaseAddress = target.BaseAddress,
            DefaultRequestVersion = target.HttpVersion,
            DefaultVersionPolicy = target.VersionPolicy,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }
}
