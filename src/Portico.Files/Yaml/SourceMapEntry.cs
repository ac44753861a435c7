namespace Portico.Files.Yaml;

/// <summary>The position of a field's key and of its value.</summary>
internal readonly record struct SourceMapEntry(SourcePosition Key, SourcePosition Value);
