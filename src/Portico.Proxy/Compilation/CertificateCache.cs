using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Portico.Routing.Table;

namespace Portico.Proxy.Compilation;

/// <summary>
/// TLS contexts by certificate content (SHA-256): building one does chain work, so a table swap that keeps a
/// certificate reuses its context; a rotated Secret has a new hash and gets a new context.
/// </summary>
internal sealed class CertificateCache
{
    private readonly ConcurrentDictionary<string, SslStreamCertificateContext> _contexts = new(StringComparer.Ordinal);

    public SslStreamCertificateContext Get(CertificateConfig certificate) =>
        _contexts.GetOrAdd(certificate.Sha256 + "/" + certificate.Id, static (_, c) => Create(c), certificate);

    /// <summary>Drops contexts no longer referenced by the current table.</summary>
    public void Retain(IEnumerable<CertificateConfig> inUse)
    {
        var keep = inUse.Select(c => c.Sha256 + "/" + c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _contexts.Keys)
        {
            if (!keep.Contains(key))
            {
                _contexts.TryRemove(key, out _);
            }
        }
    }

    private static SslStreamCertificateContext Create(CertificateConfig c)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(c.CertificatePem);
        using var withKey = X509Certificate2.CreateFromPem(c.CertificatePem, c.PrivateKeyPem);

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        var leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var intermediates = new X509Certificate2Collection();
        foreach (var cert in chain)
        {
            if (cert.Thumbprint != leaf.Thumbprint)
            {
                intermediates.Add(cert);
            }
        }

        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }
}
