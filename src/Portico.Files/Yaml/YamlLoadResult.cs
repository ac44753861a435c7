using Portico.Files.Reading;

namespace Portico.Files.Yaml;

/// <summary>The documents of one YAML stream, and every problem found while loading them.</summary>
internal sealed record YamlLoadResult(IReadOnlyList<YamlJsonDocument> Documents, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
