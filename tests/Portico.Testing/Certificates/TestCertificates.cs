using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>Entry points for generated certificates: self-signed leaves and small CAs.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed ECDSA P-256 server certificate for <paramref name="dnsNames"/> (and 127.0.0.1).</summary>
    public static TestCertificate CreateSelfSigned(params string[] dnsNames) => CreateSelfSigned(dnsNames, TestKeyType.EcdsaP256);

    public static TestCertificate CreateSelfSigned(IEnumerable<string> dnsNames, TestKeyType keyType)
    {
        var names = CertificateFactory.CheckNames(dnsNames);
        using var key = CertificateFactory.CreateKey(keyType);
        var request = CertificateFactory.CreateLeafRequest(names[0], names, key, server: true, client: false);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        X509Certificate2 certificate = CertificateFactory.WithKey(created, key);
        return new TestCertificate(certificate, key.ExportPkcs8PrivateKeyPem(), names, issuerPem: null);
    }

    /// <summary>A new CA; issue leaves with <see cref="TestCertificateAuthority.IssueServerCertificate(string[])"/>.</summary>
    public static TestCertificateAuthority CreateAuthority(string commonName = "Portico Test CA", TestKeyType keyType = TestKeyType.EcdsaP256) =>
        new(commonName, keyType);
}
