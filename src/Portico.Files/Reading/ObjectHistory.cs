using System.Text.Json.Nodes;

namespace Portico.Files.Reading;

/// <summary>What a <see cref="ManifestStore"/> remembers of an object between reads.</summary>
internal sealed record ObjectHistory(long Generation, JsonObject Spec, DateTimeOffset CreationTimestamp);
