namespace Portico.Files.Yaml;

/// <summary>
/// Where each field of a document was written: for every <see cref="FieldPath"/>, the position of its key (for
/// mapping entries; the item itself for list items) and of its value. Filled by <see cref="YamlJsonLoader"/>.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, SourceMapEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public void Set(string path, SourcePosition key, SourcePosition value) => _entries[path] = new SourceMapEntry(key, value);

    public bool TryGet(string path, out SourceMapEntry entry) => _entries.TryGetValue(path, out entry);

    /// <summary>The entry of <paramref name="path"/> or of its nearest recorded ancestor (the root is always recorded).</summary>
    public SourceMapEntry Find(string path)
    {
        string? current = path;
        while (current is not null)
        {
            if (_entries.TryGetValue(current, out var entry))
            {
                return entry;
            }

            current = FieldPath.Parent(current);
        }

        return default;
    }

    /// <summary>
    /// Records the positions of everything under <paramref name="from"/> again under <paramref name="to"/>
    /// (an alias or a merged key points at the text it repeats). The entry of <paramref name="to"/> itself is kept.
    /// </summary>
    public void CopySubtree(string from, string to)
    {
        var copies = new List<KeyValuePair<string, SourceMapEntry>>();
        foreach (var (path, entry) in _entries)
        {
            if (path.Length > from.Length && path.StartsWith(from, StringComparison.Ordinal) &&
                (from.Length == 0 || path[from.Length] is '.' or '['))
            {
                var relative = path[from.Length..];
                copies.Add(new(FieldPath.Join(to, relative[0] == '.' ? relative[1..] : relative), entry));
            }
        }

        foreach (var (path, entry) in copies)
        {
            _entries[path] = entry;
        }
    }
}
