using System.Text.Json.Serialization;

namespace Portico.Routing.Table;

/// <summary>A validated certificate chain and private key (PEM), from a <c>kubernetes.io/tls</c> Secret.</summary>
public sealed record CertificateConfig
{
    /// <summary><c>secret/{namespace}/{name}</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>SHA-256 of the leaf certificate (hex): identifies the content in documents and detects rotation.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>Subject and SAN DNS names of the leaf, for people reading the table.</summary>
    public IReadOnlyList<string> DnsNames { get; set; } = [];

    public DateTimeOffset NotAfter { get; init; }

    [JsonIgnore]
    public string CertificatePem { get; set; } = string.Empty;

    [JsonIgnore]
    public string PrivateKeyPem { get; set; } = string.Empty;
}
