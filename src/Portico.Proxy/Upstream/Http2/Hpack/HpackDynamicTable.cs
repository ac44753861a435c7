namespace Portico.Proxy.Upstream.Http2.Hpack;

/// <summary>
/// The decoder's dynamic table (RFC 7541 §2.3.2, §4): newest entry at index 1, oldest evicted first, entry size
/// name + value octets + 32. A ring of strings, so an indexed field costs no allocation.
/// </summary>
internal sealed class HpackDynamicTable(int maxSize)
{
    private (string Name, string Value)[] _entries = new (string, string)[16];
    private int _head; // slot of the newest entry
    private int _count;

    public int Count => _count;

    /// <summary>Sum of entry sizes.</summary>
    public int Size { get; private set; }

    public int MaxSize { get; private set; } = maxSize;

    public static int EntrySize(string name, string value) => name.Length + value.Length + 32;

    /// <summary>Entry by dynamic index (1 = newest).</summary>
    public (string Name, string Value) this[int index]
    {
        get
        {
            if ((uint)(index - 1) >= (uint)_count)
            {
                throw new HpackException($"dynamic table index {index} out of range ({_count} entries)");
            }

            var slot = _head - (index - 1);
            if (slot < 0)
            {
                slot += _entries.Length;
            }

            return _entries[slot];
        }
    }

    /// <summary>RFC 7541 §4.3: evicts until the table fits the new size.</summary>
    public void Resize(int maxSize)
    {
        MaxSize = maxSize;
        EvictTo(maxSize);
    }

    /// <summary>RFC 7541 §4.4: evicts to make room; an entry larger than the table empties it and is not added.</summary>
    public void Add(string name, string value)
    {
        var size = EntrySize(name, value);
        if (size > MaxSize)
        {
            EvictTo(0);
            return;
        }

        EvictTo(MaxSize - size);
        if (_count == _entries.Length)
        {
            Grow();
        }

        _head = (_head + 1) % _entries.Length;
        _entries[_head] = (name, value);
        _count++;
        Size += size;
    }

    private void EvictTo(int target)
    {
        while (Size > target && _count > 0)
        {
            var slot = _head - (_count - 1);
            if (slot < 0)
            {
                slot += _entries.Length;
            }

            var (name, value) = _entries[slot];
            _entries[slot] = default;
            Size -= EntrySize(name, value);
            _count--;
        }
    }

    private void Grow()
    {
        var bigger = new (string, string)[_entries.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            // Oldest first into slots 0..count-1.
            var slot = _head - (_count - 1 - i);
            if (slot < 0)
            {
                slot += _entries.Length;
            }

            bigger[i] = _entries[slot];
        }

        _entries = bigger;
        _head = _count - 1;
    }
}
