using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>Key generation and certificate request plumbing shared by self-signed and CA-issued certificates.</summary>
internal static class CertificateFactory
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static AsymmetricAlgorithm CreateKey(TestKeyType keyType) => keyType switch
    {
        TestKeyType.Rsa2048 => RSA.Create(2048),
        _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
    };

    public static CertificateRequest CreateRequest(string subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException("Unsupported key type.", nameof(key)),
    };

    /// <summary>A request for a leaf: SANs for every DNS name plus 127.0.0.1, server and/or client auth usage.</summary>
    public static CertificateRequest CreateLeafRequest(string commonName, IReadOnlyList<string> dnsNames, AsymmetricAlgorithm key, bool server, bool client)
    {
        var request = CreateRequest(new X500DistinguishedName($"CN={commonName}").Name, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var usage = X509KeyUsageFlags.DigitalSignature | (key is RSA ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.None);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        var purposes = new OidCollection();
        if (server)
        {
            purposes.Add(new Oid(ServerAuthOid));
        }

        if (client)
        {
            purposes.Add(new Oid(ClientAuthOid));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(purposes, false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }

            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    /// <summary>Attaches the key and round-trips through PKCS#12 so the result works with every TLS stack (ephemeral keys do not on Windows).</summary>
    public static X509Certificate2 WithKey(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        if (certificate.HasPrivateKey)
        {
            // Self-signed certificates come back from CreateSelfSigned with the key already attached.
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }

        using var withKey = key switch
        {
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
            _ => throw new ArgumentException("Unsupported key type.", nameof(key)),
        };
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // keep it positive
        return serial;
    }

    public static IReadOnlyList<string> CheckNames(IEnumerable<string> dnsNames)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        var names = dnsNames.ToArray();
        if (names.Length == 0 || names.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty DNS name is required.", nameof(dnsNames));
        }

        return names;
    }
}
