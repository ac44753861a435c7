using Portico.Files.Yaml;

namespace Portico.Files.Reading;

/// <summary>Reads one file's text: YAML documents, then objects; two objects with the same identity in one file are an error.</summary>
internal static class ManifestFileReader
{
    public static FileOutcome Read(ManifestSource source, string text)
    {
        var file = source.DisplayPath;
        var load = YamlJsonLoader.Load(text, file);
        var diagnostics = new List<ManifestDiagnostic>(load.Diagnostics);
        var objects = new List<ParsedObject>();
        foreach (var document in load.Documents)
        {
            if (!document.HasErrors)
            {
                ManifestDocumentReader.Read(file, document, objects, diagnostics);
            }
        }

        var seen = new Dictionary<ObjectKey, ParsedObject>();
        var unique = new List<ParsedObject>(objects.Count);
        foreach (var parsed in objects)
        {
            if (seen.TryGetValue(parsed.Key, out var first))
            {
                diagnostics.Add(DuplicateError(parsed, first));
                continue;
            }

            seen.Add(parsed.Key, parsed);
            unique.Add(parsed);
        }

        return new FileOutcome(source, unique, diagnostics);
    }

    /// <summary>Names both places; the later one (<paramref name="duplicate"/>) is where it is reported, and dropped.</summary>
    public static ManifestDiagnostic DuplicateError(ParsedObject duplicate, ParsedObject first) =>
        new(DiagnosticSeverity.Error, duplicate.File, duplicate.Line, duplicate.Column, null,
            $"duplicate {duplicate.Key}: already defined at {first.File}:{first.Line}");

    /// <summary>The text of an unreadable file, or the diagnostic saying why not.</summary>
    public static string? TryReadText(ManifestSource source, out ManifestDiagnostic? error)
    {
        error = null;
        try
        {
            return File.ReadAllText(source.Identity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            error = new ManifestDiagnostic(DiagnosticSeverity.Error, source.DisplayPath, null, null, null, "cannot read file: " + e.Message);
            return null;
        }
    }
}
