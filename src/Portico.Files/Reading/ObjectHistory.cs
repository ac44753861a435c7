using System.Text.Json.Nodes;

namespace Portico.Files.Reading;

/// <summary>
/// What a <see cref="ManifestStore"/> remembers of an object between reads: its stamps, its spec (to decide whether
/// the generation moves), and the parsed document and the model object of the last read with its place (all reused while
/// unchanged, so that a read of a large file where one document changed allocates little that outlives it).
/// </summary>
internal sealed record ObjectHistory(long Generation, JsonObject Spec, DateTimeOffset CreationTimestamp, JsonObject Node, LoadedObject Loaded);
