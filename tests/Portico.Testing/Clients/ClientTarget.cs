using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>
/// Where a test client connects and what it claims to connect to. The TCP connection always goes to
/// <see cref="ConnectAddress"/>:<see cref="Port"/> (loopback), while the URL carries <see cref="Host"/>, so
/// <c>:authority</c>/Host and TLS SNI name any hostname without DNS.
/// </summary>
/// <param name="Port">The local port to connect to (a gateway listener or a backend).</param>
public sealed record ClientTarget(int Port)
{
    /// <summary>Host in the URL: <c>:authority</c> becomes <c>Host:Port</c> and SNI becomes <c>Host</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// Sends this exact <c>:authority</c>/Host instead (e.g. without the port). SocketsHttpHandler derives SNI from it,
    /// so SNI is always the host part of the authority.
    /// </summary>
    public string? Authority { get; init; }

    public bool UseTls { get; init; }

    /// <summary>With TLS: trust only chains to this root (name checks still apply). Null accepts any server certificate.</summary>
    public X509Certificate2? TrustedCa { get; init; }

    /// <summary>With TLS: present this client certificate (mTLS).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The address actually dialled; must be loopback.</summary>
    public IPAddress ConnectAddress { get; init; } = IPAddress.Loopback;

    /// <summary>HTTP version for <see cref="TestHttpClients"/> (gRPC always uses 2.0). Default 2.0.</summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version20;

    /// <summary>Default exact: plaintext 2.0 means h2c prior knowledge, never an upgrade or a downgrade.</summary>
    public HttpVersionPolicy VersionPolicy { get; init; } = HttpVersionPolicy.RequestVersionExact;

    /// <summary><c>http(s)://Host:Port/</c>.</summary>
    public Uri BaseAddress => new($"{(UseTls ? "https" : "http")}://{Host}:{Port}/");
}
