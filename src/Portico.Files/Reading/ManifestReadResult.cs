namespace Portico.Files.Reading;

public sealed record ManifestReadResult(IReadOnlyList<LoadedObject> Objects, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
