namespace Portico.Files.Reading;

/// <summary>
/// The documents of one file as last read, by their exact text: a document whose text is unchanged is not parsed
/// again, only moved to the line it now starts on. Immutable once built; a read builds the next one from the
/// documents it saw, so the cache never holds more than the file's current documents.
/// </summary>
internal sealed class DocumentCache
{
    private readonly Dictionary<string, CachedDocument> _documents;

    public DocumentCache(string file, Dictionary<string, CachedDocument> documents)
    {
        File = file;
        _documents = documents;
    }

    /// <summary>The file as diagnostics name it; the cached objects and messages carry this name.</summary>
    public string File { get; }

    public int Count => _documents.Count;

    /// <summary>The cached document with exactly this text, with its key (to reuse the string, not copy it).</summary>
    public bool TryGet(ReadOnlySpan<char> text, out string key, out CachedDocument document)
    {
        // Ordinal comparison of the full text: a hash match alone is never trusted.
        return _documents.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out key!, out document!);
    }
}
