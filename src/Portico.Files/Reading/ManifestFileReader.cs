using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
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

        var seen = new Dictionary<ObjectKey, ParsedObject>(objects.Count);
        var unique = new List<ParsedObject>(objects.Count);
        foreach (var parsed in objects)
        {
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, parsed.Key, out var taken);
            if (taken)
            {
                diagnostics.Add(DuplicateError(parsed, first!.File, first.Line));
                continue;
            }

            first = parsed;
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
    public static ManifestDiagnostic DuplicateError(ParsedObject duplicate, string firstFile, int firstLine) =>
        new(DiagnosticSeverity.Error, duplicate.File, duplicate.Line, duplicate.Column, null,
            $"duplicate {duplicate.Key}: already defined at {firstFile}:{firstLine}");

    /// <summary>The text of an unreadable file, or the diagnostic saying why not.</summary>
    public static string? TryReadText(ManifestSource source, out ManifestDiagnostic? error)
    {
        error = null;
        try
        {
            return ReadText(source.Identity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            error = new ManifestDiagnostic(DiagnosticSeverity.Error, source.DisplayPath, null, null, null, "cannot read file: " + e.Message);
            return null;
        }
    }

    /// <summary>
    /// The text of a file exactly as <see cref="File.ReadAllText(string)"/> gives it (UTF-8, invalid bytes replaced, unless
    /// a byte order mark names another encoding; the mark is not part of the text), without its copies: that reads through
    /// a <see cref="StreamReader"/> into a <see cref="System.Text.StringBuilder"/>, twice the text's size in short-lived
    /// garbage for every read of every file, which for a file of megabytes is a garbage collection in the middle of a
    /// reload. Here the bytes go to one pooled buffer and are decoded once, into the string.
    /// </summary>
    internal static string ReadText(string path)
    {
        // Unbuffered: the bytes go straight to the pooled buffer. A pipe or a procfs file has no length in advance (0):
        // read until the end either way.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var length = stream.CanSeek ? stream.Length : 0;
        if (length >= Array.MaxLength)
        {
            return File.ReadAllText(path); // fails the same way as ever
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max((int)length + 1, 4096));
        try
        {
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.Read(buffer.AsSpan(total));
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            var bytes = buffer.AsSpan(0, total);
            if (bytes.StartsWith("\uFEFF"u8))
            {
                return Encoding.UTF8.GetString(bytes[3..]);
            }

            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ||
                bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            {
                // UTF-16 or UTF-32: rare enough to let the reader that recognizes them decode.
                using var reader = new StreamReader(new MemoryStream(buffer, 0, total), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                return reader.ReadToEnd();
            }

            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
