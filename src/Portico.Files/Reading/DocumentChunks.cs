using System.Runtime.CompilerServices;
namespace Portico.Files.Reading;

/// <summary>
/// Splits a YAML stream into its documents as text, so each document can be parsed (and cached) on its own.
/// A line that starts with <c>---</c> followed by a blank or the end of the line begins a document: YAML forbids
/// that text at column 0 inside any scalar, so the split agrees with the parser. Streams that tie documents
/// together or that this scan would count differently from the parser are not split (null): directives
/// (<c>%YAML</c>, <c>%TAG</c> apply to the next document), document end markers (<c>...</c>), a byte order mark,
/// and line breaks other than LF or CRLF. Lines are counted from 1; columns are unchanged by the split.
/// </summary>
internal static class DocumentChunks
{
    /// <param name="Start">Offset of the chunk in the stream.</param>
    /// <param name="Length">Length of the chunk, up to (not including) the next <c>---</c> line.</param>
    /// <param name="Line">The line of the stream the chunk starts on (1-based).</param>
    internal readonly record struct Chunk(int Start, int Length, int Line);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public static List<Chunk>? Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('\uFEFF', '\u0085', '\u2028') >= 0 || text.Contains('\u2029', StringComparison.Ordinal))
        {
            return null;
        }

        var chunks = new List<Chunk>();
        var start = 0;
        var startLine = 1;
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            // position is at the start of a line.
            if (IsMarker(text, position, '-'))
            {
                if (position > start)
                {
                    chunks.Add(new Chunk(start, position - start, startLine));
                }

                start = position;
                startLine = line;
            }
            else if (text[position] == '%' || IsMarker(text, position, '.'))
            {
                return null;
            }

            var newline = text.IndexOf('\n', position);
            var end = newline < 0 ? text.Length : newline;

            // A CR not followed by LF is a line break to YAML but not to this count.
            var cr = text.AsSpan(position, end - position).IndexOf('\r');
            if (cr >= 0 && position + cr != end - 1)
            {
                return null;
            }

            if (newline < 0)
            {
                break;
            }

            position = newline + 1;
            line++;
        }

        if (text.Length > start)
        {
            chunks.Add(new Chunk(start, text.Length - start, startLine));
        }

        return chunks;
    }

    private static bool IsMarker(string text, int position, char c) =>
        position + 3 <= text.Length && text[position] == c && text[position + 1] == c && text[position + 2] == c &&
        (position + 3 == text.Length || text[position + 3] is ' ' or '\t' or '\n' or '\r');
}
