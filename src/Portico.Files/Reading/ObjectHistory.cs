using System.Text.Json.Nodes;
using Portico.Model.Meta;

namespace Portico.Files.Reading;

/// <summary>
/// What a <see cref="ManifestStore"/> remembers of an object between reads: its stamps, its spec (to decide whether
/// the generation moves), and the parsed document and model object of the last read (reused while unchanged).
/// </summary>
internal sealed record ObjectHistory(long Generation, JsonObject Spec, DateTimeOffset CreationTimestamp, JsonObject Node, KubeObject Object);
