using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>A throwaway CA that signs server and client leaf certificates; trust <see cref="Certificate"/> in clients.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    internal TestCertificateAuthority(string commonName, TestKeyType keyType)
    {
        _key = CertificateFactory.CreateKey(keyType);
        var request = CertificateFactory.CreateRequest(new X500DistinguishedName($"CN={commonName}").Name, _key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var selfSigned = request.CreateSelfSigned(now.AddDays(-2), now.AddYears(1));
        Certificate = CertificateFactory.WithKey(selfSigned, _key);
        CertificatePem = Certificate.ExportCertificatePem() + "\n";
    }

    /// <summary>The CA certificate (with its key). Pass it as the trusted root to client helpers.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem { get; }

    /// <summary>A server certificate for <paramref name="dnsNames"/> (wildcards allowed), also valid for 127.0.0.1.</summary>
    public TestCertificate IssueServerCertificate(params string[] dnsNames) => IssueServerCertificate(dnsNames, TestKeyType.EcdsaP256);

    /// <summary>A server certificate; <paramref name="notBefore"/>/<paramref name="notAfter"/> default to yesterday and +30 days.</summary>
    public TestCertificate IssueServerCertificate(IEnumerable<string> dnsNames, TestKeyType keyType, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var names = CertificateFactory.CheckNames(dnsNames);
        return Issue(names[0], names, keyType, server: true, notBefore, notAfter);
    }

    /// <summary>A client certificate (client auth usage) with subject <c>CN=<paramref name="commonName"/></c>, for mTLS tests.</summary>
    public TestCertificate IssueClientCertificate(string commonName, TestKeyType keyType = TestKeyType.EcdsaP256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        return Issue(commonName, [], keyType, server: false, null, null);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private TestCertificate Issue(string commonName, IReadOnlyList<string> names, TestKeyType keyType, bool server, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        using var key = CertificateFactory.CreateKey(keyType);
        var request = CertificateFactory.CreateLeafRequest(commonName, names, key, server, client: !server);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = DateTimeOffset.UtcNow;

        // A leaf may not outlive its issuer: clamp to the CA's validity.
        var from = Max(notBefore ?? now.AddDays(-1), new DateTimeOffset(Certificate.NotBefore.ToUniversalTime()));
        var to = Min(notAfter ?? now.AddDays(30), new DateTimeOffset(Certificate.NotAfter.ToUniversalTime()));
        // Sign with the CA key through a generator, so leaf and CA may use different key algorithms.
        var generator = _key switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => X509SignatureGenerator.CreateForECDsa(ecdsa),
            _ => throw new InvalidOperationException("Unsupported CA key."),
        };
        using var issued = request.Create(Certificate.SubjectName, generator, from, to, CertificateFactory.NewSerialNumber());
        var certificate = CertificateFactory.WithKey(issued, key);
        return new TestCertificate(certificate, key.ExportPkcs8PrivateKeyPem(), names, CertificatePem);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
