using System.Runtime.CompilerServices;
namespace Portico.Files.Reading;

/// <summary>
/// The documents of one file as last read: its text, where each document was, and what it parsed to. The next read
/// of the file compares its text with this one (common start and common end, a vectorized comparison): a document
/// lying wholly in the unchanged start or end is the same document, only moved to the line it now starts on, and is
/// not parsed again. Documents in the changed middle are looked up by their exact text among the old middle ones
/// (an edit that rewrites a document to an earlier version, or a reordering), else parsed. Immutable once built.
/// </summary>
internal sealed class DocumentCache
{
    private readonly string _text;
    private readonly List<DocumentChunks.Chunk> _chunks;
    private readonly CachedDocument[] _documents;

    public DocumentCache(string file, string text, List<DocumentChunks.Chunk> chunks, CachedDocument[] documents)
    {
        File = file;
        _text = text;
        _chunks = chunks;
        _documents = documents;
    }

    /// <summary>The file as diagnostics name it; the cached objects and messages carry this name.</summary>
    public string File { get; }

    /// <summary>Finds the documents of <paramref name="text"/> that this cache holds; see <see cref="Match"/>.</summary>
    public Matcher Compare(string text) => new(this, text);

    /// <summary>The documents of one new text that are known from the cache.</summary>
    internal sealed class Matcher
    {
        private readonly DocumentCache _cache;
        private readonly int _prefix;      // length of the common start
        private readonly int _suffixStart; // in the new text: where the common end starts
        private readonly int _delta;       // old offset - new offset within the common end
        private Dictionary<string, CachedDocument>? _middle;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
        public Matcher(DocumentCache cache, string text)
        {
            _cache = cache;
            var old = cache._text.AsSpan();
            var now = text.AsSpan();
            _prefix = now.CommonPrefixLength(old);
            var suffix = CommonSuffixLength(now, old, Math.Min(now.Length, old.Length) - _prefix);
            _suffixStart = now.Length - suffix;
            _delta = old.Length - now.Length;
        }

        /// <summary>The cached document for the new chunk <paramref name="chunk"/> of the text, or null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per document per change: optimized from the first change
        public CachedDocument? Match(DocumentChunks.Chunk chunk, ReadOnlySpan<char> chunkText)
        {
            if (chunk.Start + chunk.Length <= _prefix && Find(chunk.Start, chunk.Length) is { } before)
            {
                return before;
            }

            if (chunk.Start >= _suffixStart && Find(chunk.Start + _delta, chunk.Length) is { } after)
            {
                return after;
            }

            _middle ??= Middle();
            return _middle.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chunkText, out var same) ? same : null;
        }

        // The old chunk at exactly this offset and length: wholly inside a common part, so its text is the same.
        private CachedDocument? Find(int start, int length)
        {
            var chunks = _cache._chunks;
            int lo = 0, hi = chunks.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var s = chunks[mid].Start;
                if (s == start)
                {
                    return chunks[mid].Length == length ? _cache._documents[mid] : null;
                }

                if (s < start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return null;
        }

        // Old documents not wholly inside the common start or end, by text (compared in full, never by hash alone).
        private Dictionary<string, CachedDocument> Middle()
        {
            var middle = new Dictionary<string, CachedDocument>(StringComparer.Ordinal);
            var oldSuffixStart = _suffixStart + _delta;
            for (var i = 0; i < _cache._chunks.Count; i++)
            {
                var c = _cache._chunks[i];
                if (c.Start + c.Length > _prefix && c.Start < oldSuffixStart)
                {
                    middle.TryAdd(_cache._text.Substring(c.Start, c.Length), _cache._documents[i]);
                }
            }

            return middle;
        }

        private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
        {
            const int Block = 1024;
            var n = 0;
            while (n + Block <= max && a.Slice(a.Length - n - Block, Block).SequenceEqual(b.Slice(b.Length - n - Block, Block)))
            {
                n += Block;
            }

            while (n < max && a[a.Length - 1 - n] == b[b.Length - 1 - n])
            {
                n++;
            }

            return n;
        }
    }
}
