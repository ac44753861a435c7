using System.Runtime.CompilerServices;
using Portico.Files.Yaml;

namespace Portico.Files.Reading;

/// <summary>
/// Reads one file's text: YAML documents, then objects; two objects with the same identity in one file are an error.
/// Documents are parsed one by one (<see cref="DocumentChunks"/>) and cached by their text (<see cref="DocumentCache"/>),
/// so editing one object of a large file parses one document again, not the whole file. When any document has a
/// YAML error, or the stream cannot be split, the whole stream is parsed as one (exactly the former behaviour: a
/// syntax error stops the stream, and the diagnostics are those of the whole stream).
/// </summary>
internal static class ManifestFileReader
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public static FileOutcome Read(ManifestSource source, string text, DocumentCache? cache = null)
    {
        var file = source.DisplayPath;
        var objects = new List<ParsedObject>();
        var diagnostics = new List<ManifestDiagnostic>();
        DocumentCache? next = null;
        if (DocumentChunks.Split(text) is not { } chunks ||
            (next = ReadDocuments(file, text, chunks, cache?.File == file ? cache : null, objects, diagnostics)) is null)
        {
            objects.Clear();
            diagnostics.Clear();
            ReadStream(file, text, objects, diagnostics);
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

        return new FileOutcome(source, unique, diagnostics) { Cache = next };
    }

    private static void ReadStream(string file, string text, List<ParsedObject> objects, List<ManifestDiagnostic> diagnostics)
    {
        var load = YamlJsonLoader.Load(text, file);
        diagnostics.AddRange(load.Diagnostics);
        foreach (var document in load.Documents)
        {
            if (!document.HasErrors)
            {
                ManifestDocumentReader.Read(file, document, objects, diagnostics);
            }
        }
    }

    /// <summary>Reads document by document, reusing <paramref name="cache"/>; null when a document has a YAML error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    private static DocumentCache? ReadDocuments(string file, string text, List<DocumentChunks.Chunk> chunks, DocumentCache? cache,
        List<ParsedObject> objects, List<ManifestDiagnostic> diagnostics)
    {
        var known = cache?.Compare(text);
        var documents = new CachedDocument[chunks.Count];
        Dictionary<string, CachedDocument>? parsedHere = null; // identical new documents in this text are parsed once
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var span = text.AsSpan(chunk.Start, chunk.Length);
            var document = known?.Match(chunk, span);
            if (document is null && parsedHere is not null && parsedHere.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out var same))
            {
                document = same;
            }

            if (document is null)
            {
                var chunkText = span.ToString();
                document = ReadDocument(file, chunkText, chunk.Line);
                if (document is null)
                {
                    return null;
                }

                (parsedHere ??= new Dictionary<string, CachedDocument>(StringComparer.Ordinal)).TryAdd(chunkText, document);
            }

            documents[i] = document;
            document.AddMovedTo(chunk.Line, objects, diagnostics);
        }

        return new DocumentCache(file, text, chunks, documents);
    }

    private static CachedDocument? ReadDocument(string file, string chunkText, int line)
    {
        var load = YamlJsonLoader.Load(chunkText, file);
        if (load.Diagnostics.Count > 0)
        {
            return null;
        }

        var objects = new List<ParsedObject>();
        var diagnostics = new List<ManifestDiagnostic>();
        foreach (var document in load.Documents)
        {
            ManifestDocumentReader.Read(file, document, objects, diagnostics);
        }

        // Positions so far count from the chunk's first line.
        var shift = line - 1;
        var moved = new ParsedObject[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            moved[i] = objects[i].Moved(shift);
        }

        return new CachedDocument(line, moved, [.. diagnostics.Select(d => CachedDocument.Move(d, shift))]);
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
