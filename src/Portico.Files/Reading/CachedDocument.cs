using System.Runtime.CompilerServices;

namespace Portico.Files.Reading;

/// <summary>
/// One parsed document (objects and the reader's diagnostics) at the <paramref name="Line"/> it was read from;
/// positions in it are absolute for that line. Arrays, not interfaces: every read of a file goes through all of its
/// documents, and enumerating an array allocates nothing.
/// </summary>
internal sealed record CachedDocument(int Line, ParsedObject[] Objects, ManifestDiagnostic[] Diagnostics)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per document per change: optimized from the first change
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
