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
internal sealed class ParsedObject
{
    public ParsedObject(ResourceKind kind, ObjectKey key, JsonObject node, KubeObject validated, string file, int line, int column)
    {
        Kind = kind;
        Key = key;
        Node = node;
        File = file;
        Line = line;
        Column = column;
        GivenGeneration = validated.Metadata.Generation;
        GivenCreationTimestamp = validated.Metadata.CreationTimestamp;
        Spec = SpecOf(validated, kind.ClrType);
    }

    private ParsedObject(ParsedObject other, int line)
    {
        Kind = other.Kind;
        Key = other.Key;
        Node = other.Node;
        File = other.File;
        Line = line;
        Column = other.Column;
        GivenGeneration = other.GivenGeneration;
        GivenCreationTimestamp = other.GivenCreationTimestamp;
        Spec = other.Spec;
    }

    public ResourceKind Kind { get; }

    public ObjectKey Key { get; }

    /// <summary>
    /// The normalized document. Objects read from the same text share this instance (see <see cref="Moved"/>), which
    /// is how <see cref="ManifestStore"/> knows an object is unchanged without comparing trees.
    /// </summary>
    public JsonObject Node { get; }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The generation the manifest states, if any (it then wins over tracking).</summary>
    public long? GivenGeneration { get; }

    /// <summary>The creation time the manifest states, if any.</summary>
    public DateTimeOffset? GivenCreationTimestamp { get; }

    public JsonObject Spec { get; }

    /// <summary>The same object, its document moved by <paramref name="lines"/> lines (a cached document read again).</summary>
    public ParsedObject Moved(int lines) => lines == 0 ? this : new ParsedObject(this, Line + lines);

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
        return (KubeObject)JsonSerializer.Deserialize(node, ModelJson.Strict.GetTypeInfo(Kind.ClrType))!;
    }

    private static JsonObject SpecOf(KubeObject validated, Type type)
    {
        var json = JsonSerializer.SerializeToNode(validated, ModelJson.Strict.GetTypeInfo(type)) as JsonObject ?? [];
        json.Remove("apiVersion");
        json.Remove("kind");
        json.Remove("metadata");
        json.Remove("status");
        return json;
    }
}
