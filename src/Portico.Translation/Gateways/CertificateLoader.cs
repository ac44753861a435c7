using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Portico.Model.Core;
using Portico.Routing.Table;

namespace Portico.Translation.Gateways;

/// <summary>
/// Validates a <c>kubernetes.io/tls</c> Secret: a PEM certificate chain and a matching private key. Parsing
/// PEM is deterministic and local, so the translator stays pure.
/// </summary>
internal static class CertificateLoader
{
    public static (CertificateConfig? Certificate, string? Error) Load(Secret secret)
    {
        if (secret.Type != Secret.TlsType)
        {
            return (null, $"Secret {secret.FullName} has type \"{secret.Type}\"; a kubernetes.io/tls Secret is required");
        }

        var cert = secret.GetValue(Secret.TlsCertKey);
        var key = secret.GetValue(Secret.TlsPrivateKeyKey);
        if (cert is null || key is null)
        {
            var missing = cert is null ? Secret.TlsCertKey : Secret.TlsPrivateKeyKey;
            return (null, $"Secret {secret.FullName} has no \"{missing}\"");
        }

        var certPem = Encoding.UTF8.GetString(cert);
        var keyPem = Encoding.UTF8.GetString(key);
        try
        {
            using var leaf = X509Certificate2.CreateFromPem(certPem, keyPem);
            if (!leaf.HasPrivateKey)
            {
                return (null, $"Secret {secret.FullName}: the private key does not match the certificate");
            }

            var names = new List<string>();
            var subjectCn = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            foreach (var ext in leaf.Extensions)
            {
                if (ext is X509SubjectAlternativeNameExtension san)
                {
                    names.AddRange(san.EnumerateDnsNames());
                }
            }

            if (names.Count == 0 && !string.IsNullOrEmpty(subjectCn))
            {
                names.Add(subjectCn);
            }

            return (new CertificateConfig
            {
                Id = $"secret/{secret.Namespace}/{secret.Name}",
                Sha256 = leaf.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(),
                DnsNames = names,
                NotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                CertificatePem = certPem,
                PrivateKeyPem = keyPem,
            }, null);
        }
        catch (CryptographicException e)
        {
            return (null, $"Secret {secret.FullName}: malformed PEM in tls.crt/tls.key ({e.Message.TrimEnd('.')})");
        }
        catch (ArgumentException e)
        {
            return (null, $"Secret {secret.FullName}: malformed PEM in tls.crt/tls.key ({e.Message.TrimEnd('.')})");
        }
    }
}
