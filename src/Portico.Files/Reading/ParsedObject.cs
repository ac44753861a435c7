using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Model.Meta;
using Portico.Model.Serialization;
using Portico.Model.Snapshot;

namespace Portico.Files.Reading;

/// <summary>
/// A manifest object that passed validation, before its generation and creation time are decided (those depend on
/// what a <see cref="ManifestStore"/> saw earlier). <see cref="Node"/> is the normalized document (nulls dropped,
/// namespace defaulted or removed) and is never modified; <see cref="Spec"/> is everything but
/// apiVersion/kind/metadata/status as the model writes it, compared to decide whether the generation moves.
/// </summary>
internal sealed class ParsedObject(ResourceKind kind, ObjectKey key, JsonObject node, KubeObject validated, string file, int line, int column)
{
    public ResourceKind Kind { get; } = kind;

    public ObjectKey Key { get; } = key;

    public JsonObject Node { get; } = node;

    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The generation the manifest states, if any (it then wins over tracking).</summary>
    public long? GivenGeneration { get; } = validated.Metadata.Generation;

    /// <summary>The creation time the manifest states, if any.</summary>
    public DateTimeOffset? GivenCreationTimestamp { get; } = validated.Metadata.CreationTimestamp;

    public JsonObject Spec { get; } = SpecOf(validated, kind.ClrType);

    /// <summary>The model object with <c>metadata.generation</c> and <c>creationTimestamp</c> filled in where the manifest has none.</summary>
    public KubeObject Materialize(long generation, DateTimeOffset creationTimestamp)
    {
        var node = (JsonObject)Node.DeepClone();
        if (node["metadata"] is JsonObject metadata)
        {
            if (GivenGeneration is null)
            {
                metadata["generation"] = generation;
            }

            if (GivenCreationTimestamp is null)
            {
                metadata["creationTimestamp"] = creationTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
        }

        // Cannot fail: the same node without these two well-typed fields was already deserialized once.
        return (KubeObject)JsonSerializer.Deserialize(node, Kind.ClrType, ModelJson.Strict)!;
    }

    private static JsonObject SpecOf(KubeObject validated, Type type)
    {
        var json = JsonSerializer.SerializeToNode(validated, type, ModelJson.Strict) as JsonObject ?? [];
        json.Remove("apiVersion");
        json.Remove("kind");
        json.Remove("metadata");
        json.Remove("status");
        return json;
    }
}
