using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Portico.Proxy.Listeners;

/// <summary>
/// Set on a cleartext connection that opened with the HTTP/2 preface. Kestrel picks HTTP/2 on a connection that
/// allows HTTP/1.1 only when a TLS feature is present and ALPN says "h2" (without TLS it assumes HTTP/1.1 and
/// answers a preface with GOAWAY HTTP_1_1_REQUIRED), so this pretends both. There is no certificate, and no
/// <c>ITlsHandshakeFeature</c>, which keeps Kestrel's HTTP/2 TLS-version and cipher checks out of the way.
/// </summary>
internal sealed class H2cPriorKnowledgeFeature : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    public X509Certificate2? ClientCertificate
    {
        get => null;
        set { }
    }

    public ReadOnlyMemory<byte> ApplicationProtocol => SslApplicationProtocol.Http2.Protocol;

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
        Task.FromResult<X509Certificate2?>(null);
}
