using System.Text.Json.Nodes;

namespace Portico.Files.Yaml;

/// <summary>
/// One YAML document as a JSON tree, with where each field was written. <see cref="Root"/> is null for an empty
/// or comment-only document. <see cref="HasErrors"/> means the loader already reported a problem in it, so the
/// tree may be incomplete and should not be interpreted further.
/// </summary>
internal sealed record YamlJsonDocument(JsonNode? Root, SourceMap Map, SourcePosition Position, bool HasErrors);
