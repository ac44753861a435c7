using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Portico.Testing;

/// <summary>A generated certificate with its private key, in the forms tests need: X509, PEM, and Secret data.</summary>
public sealed class TestCertificate : IDisposable
{
    /// <summary>Key of the certificate in a <c>kubernetes.io/tls</c> Secret.</summary>
    public const string SecretCertKey = "tls.crt";

    /// <summary>Key of the private key in a <c>kubernetes.io/tls</c> Secret.</summary>
    public const string SecretKeyKey = "tls.key";

    internal TestCertificate(X509Certificate2 certificate, string privateKeyPem, IReadOnlyList<string> dnsNames, string? issuerPem)
    {
        Certificate = certificate;
        CertificatePem = certificate.ExportCertificatePem() + "\n";
        PrivateKeyPem = privateKeyPem + "\n";
        DnsNames = dnsNames;
        ChainPem = CertificatePem + (issuerPem ?? string.Empty);
    }

    /// <summary>The certificate with its private key, usable by Kestrel, SslStream and as a client certificate.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem { get; }

    /// <summary>PKCS#8 (<c>BEGIN PRIVATE KEY</c>).</summary>
    public string PrivateKeyPem { get; }

    /// <summary>Leaf then issuer (the issuer is absent for self-signed certificates).</summary>
    public string ChainPem { get; }

    public IReadOnlyList<string> DnsNames { get; }

    /// <summary>Base64 of <see cref="CertificatePem"/>, as a Secret's <c>data["tls.crt"]</c> holds it.</summary>
    public string CertificateBase64 => Base64(CertificatePem);

    /// <summary>Base64 of <see cref="PrivateKeyPem"/>, as a Secret's <c>data["tls.key"]</c> holds it.</summary>
    public string PrivateKeyBase64 => Base64(PrivateKeyPem);

    /// <summary>The <c>data</c> map of a <c>kubernetes.io/tls</c> Secret.</summary>
    public IReadOnlyDictionary<string, string> SecretData => new Dictionary<string, string>
    {
        [SecretCertKey] = CertificateBase64,
        [SecretKeyKey] = PrivateKeyBase64,
    };

    public void Dispose() => Certificate.Dispose();

    public override string ToString() => $"{Certificate.Subject} [{string.Join(", ", DnsNames)}]";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
