using System.Text.Json;

namespace Portico.Model.Meta;

/// <summary>Kubernetes <c>metadata</c>: the fields Portico reads, plus the server-owned ones an API server returns.</summary>
public sealed class ObjectMeta
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Empty for cluster-scoped kinds; the reader sets <c>default</c> for namespaced kinds when omitted.</summary>
    public string? Namespace { get; init; }

    public string? GenerateName { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    /// <summary>Incremented when the spec changes; every condition echoes it as <c>observedGeneration</c>.</summary>
    public long? Generation { get; init; }

    /// <summary>Route precedence tie-break (oldest first).</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    public string? ResourceVersion { get; init; }

    public string? Uid { get; init; }

    public DateTimeOffset? DeletionTimestamp { get; init; }

    public IReadOnlyList<string> Finalizers { get; set; } = [];

    public JsonElement? OwnerReferences { get; init; }

    public JsonElement? ManagedFields { get; init; }
}
