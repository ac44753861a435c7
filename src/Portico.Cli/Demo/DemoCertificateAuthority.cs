using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Cli.Demo;

/// <summary>
/// A throw-away certificate authority for the demo: ECDSA P-256, valid for <see cref="Lifetime"/>. It signs the
/// server certificates the walkthrough's Gateways need and is then disposed; its private key is never written,
/// so nothing can be issued under it later. Clients trust its certificate (<c>ca.crt</c>).
/// </summary>
internal sealed class DemoCertificateAuthority : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly ECDsa _key;

    private DemoCertificateAuthority(ECDsa key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public static DemoCertificateAuthority Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Portico local demo, not for production");
        subject.AddCommonName("Portico demo CA");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = clock.GetUtcNow();

        // Backdated a little so a clock that is slightly behind still accepts it.
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));
        return new DemoCertificateAuthority(key, certificate);
    }

    /// <summary>A server certificate for <paramref name="dnsNames"/> (wildcards allowed), and its private key as PEM.</summary>
    public (string CertificatePem, string PrivateKeyPem) IssueServerCertificate(IReadOnlyList<string> dnsNames, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentOutOfRangeException.ThrowIfZero(dnsNames.Count);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(dnsNames[0]); // builder: no escaping rules to get wrong for "*.api.example.com"
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var now = clock.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 asks
        using var certificate = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key),
            now.AddMinutes(-5), Certificate.NotAfter.ToUniversalTime(), serial);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
