namespace Portico.Files.Reading;

/// <summary>
/// One parsed document (objects and the reader's diagnostics) at the <paramref name="Line"/> it was read from;
/// positions in it are absolute for that line.
/// </summary>
internal sealed record CachedDocument(int Line, IReadOnlyList<ParsedObject> Objects, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    public void AddMovedTo(int line, List<ParsedObject> objects, List<ManifestDiagnostic> diagnostics)
    {
        var shift = line - Line;
        foreach (var o in Objects)
        {
            objects.Add(o.Moved(shift));
        }

        foreach (var d in Diagnostics)
        {
            diagnostics.Add(Move(d, shift));
        }
    }

    public static ManifestDiagnostic Move(ManifestDiagnostic d, int shift) =>
        shift == 0 || d.Line is null ? d : d with { Line = d.Line + shift };
}
