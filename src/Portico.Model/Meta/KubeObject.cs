using System.Text.Json.Serialization;

namespace Portico.Model.Meta;

/// <summary>
/// A Kubernetes object: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>. Instances are immutable once read.
/// The convenience accessors below are not fields: they are never written, and a manifest that has them at the top
/// level (a misplaced <c>namespace:</c>) is rejected by strict reading instead of silently accepted.
/// </summary>
public abstract class KubeObject
{
    [JsonPropertyOrder(-3)]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyOrder(-2)]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>The object's generation, 1 when not set (standalone manifests start there).</summary>
    [JsonIgnore]
    public long Generation => Metadata.Generation ?? 1;

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped kinds.</summary>
    [JsonIgnore]
    public string FullName => string.IsNullOrEmpty(Metadata.Namespace) ? Metadata.Name : $"{Metadata.Namespace}/{Metadata.Name}";

    /// <summary>The namespace, empty for cluster-scoped kinds.</summary>
    [JsonIgnore]
    public string Namespace => Metadata.Namespace ?? string.Empty;

    [JsonIgnore]
    public string Name => Metadata.Name;
}
