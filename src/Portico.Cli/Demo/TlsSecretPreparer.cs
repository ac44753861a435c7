using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Portico.Files.Reading;
using Portico.Model.Core;

namespace Portico.Cli.Demo;

/// <summary>
/// Gives every TLS Secret the Gateways name a certificate when the manifests have none: a local CA
/// (<c>generated/ca.crt</c>) issues one certificate per Secret (<c>generated/tls-secrets.yaml</c>). Files from an
/// earlier run are kept while they still fit: same Secrets, same DNS names, issued by that <c>ca.crt</c>, and valid
/// for at least another day. A Secret the manifests define outside the generated directory is never replaced.
/// </summary>
internal static class TlsSecretPreparer
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(1);

    public static TlsPreparation Prepare(DemoWorkspace workspace, ManifestReadResult read, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(clock);
        var secrets = read.Objects.Where(o => o.Object is Secret).ToList();
        var provided = new List<string>();
        var needed = new List<TlsSecretNeed>();
        foreach (var need in TlsSecretNeeds.Find(read.KubeObjects))
        {
            if (secrets.Any(s => Is(s, need) && !workspace.IsGenerated(s.File)))
            {
                provided.Add(need.FullName);
            }
            else
            {
                needed.Add(need);
            }
        }

        var generatedNow = secrets.Where(s => workspace.IsGenerated(s.File)).ToList();
        if (needed.Count == 0)
        {
            // Generated Secrets that the manifests now define themselves would be duplicates: drop them.
            if (generatedNow.Count > 0)
            {
                File.Delete(workspace.TlsSecretsFile);
            }

            return new TlsPreparation([], provided, Written: generatedNow.Count > 0, CaCertificateFile: null);
        }

        if (StillFits(workspace, needed, generatedNow, clock))
        {
            return new TlsPreparation(needed, provided, Written: false, workspace.CaCertificateFile);
        }

        Write(workspace, needed, clock);
        return new TlsPreparation(needed, provided, Written: true, workspace.CaCertificateFile);
    }

    private static bool StillFits(DemoWorkspace workspace, List<TlsSecretNeed> needed, List<LoadedObject> generated, TimeProvider clock)
    {
        if (generated.Count != needed.Count || !File.Exists(workspace.CaCertificateFile))
        {
            return false;
        }

        try
        {
            using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(workspace.CaCertificateFile));
            foreach (var need in needed)
            {
                var secret = generated.FirstOrDefault(s => Is(s, need))?.Object as Secret;
                if (secret?.GetValue(Secret.TlsCertKey) is not { } pem || secret.GetValue(Secret.TlsPrivateKeyKey) is null)
                {
                    return false;
                }

                using var certificate = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(pem));
                if (!IssuedBy(certificate, ca) || certificate.NotAfter.ToUniversalTime() < clock.GetUtcNow().Add(RenewBefore).UtcDateTime ||
                    !DnsNames(certificate).SequenceEqual(need.DnsNames.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            return false; // unreadable leftovers are simply replaced
        }
    }

    private static void Write(DemoWorkspace workspace, List<TlsSecretNeed> needed, TimeProvider clock)
    {
        Directory.CreateDirectory(workspace.GeneratedDirectory);

        // Keeps the generated files out of git even when the directory is not the walkthrough's (ignored by name).
        WriteAtomically(Path.Combine(workspace.GeneratedDirectory, ".gitignore"), "# Written by portico demo: certificates and keys, never commit them.\n*\n");
        using var ca = DemoCertificateAuthority.Create(clock);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            # Written by `portico demo` ({clock.GetUtcNow():yyyy-MM-dd}): TLS Secrets for the Gateways' HTTPS listeners,
            # issued by the local demo CA in ca.crt beside this file (its private key was never saved). For this machine
            # only and never committed; delete this directory and run `portico demo --prepare-only` for new ones.

            """);
        foreach (var need in needed)
        {
            var (certificate, key) = ca.IssueServerCertificate(need.DnsNames, clock);
            text.Append(CultureInfo.InvariantCulture, $"""
                ---
                # {need.FullName}: {string.Join(", ", need.DnsNames)}
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {need.Name}
                  namespace: {need.Namespace}
                type: kubernetes.io/tls
                data:
                  tls.crt: {Base64(certificate)}
                  tls.key: {Base64(key)}

                """);
        }

        WriteAtomically(workspace.CaCertificateFile, ca.Certificate.ExportCertificatePem() + "\n");
        WriteAtomically(workspace.TlsSecretsFile, text.ToString());
    }

    private static bool Is(LoadedObject loaded, TlsSecretNeed need) =>
        string.Equals(loaded.Object.Namespace, need.Namespace, StringComparison.Ordinal) &&
        string.Equals(loaded.Object.Name, need.Name, StringComparison.Ordinal);

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static IEnumerable<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames())
            .Order(StringComparer.Ordinal);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Temp file then rename: a gateway watching the directory never reads half a file.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
