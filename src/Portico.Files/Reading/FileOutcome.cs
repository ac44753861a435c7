namespace Portico.Files.Reading;

/// <summary>
/// The result of reading one file: its valid objects and its diagnostics. <see cref="Failed"/> (any error) means
/// the objects must not replace the file's last good ones.
/// </summary>
internal sealed record FileOutcome(ManifestSource Source, IReadOnlyList<ParsedObject> Objects, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    /// <summary>The file's documents by text for the next read; null when the stream was read whole (see <see cref="ManifestFileReader"/>).</summary>
    public DocumentCache? Cache { get; init; }

    public bool Failed => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
