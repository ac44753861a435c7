namespace Portico.Model.Meta;

/// <summary>A Kubernetes object: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>. Instances are immutable once read.</summary>
public abstract class KubeObject
{
    public string ApiVersion { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The object's generation, 1 when not set (standalone manifests start there).</summary>
    public long Generation => Metadata.Generation ?? 1;

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped kinds.</summary>
    public string FullName => string.IsNullOrEmpty(Metadata.Namespace) ? Metadata.Name : $"{Metadata.Namespace}/{Metadata.Name}";

    /// <summary>The namespace, empty for cluster-scoped kinds.</summary>
    public string Namespace => Metadata.Namespace ?? string.Empty;

    public string Name => Metadata.Name;
}
