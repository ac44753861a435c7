using System.Buffers;
using System.Text;

namespace Portico.Proxy.Upstream.Http2.Hpack;

/// <summary>
/// HPACK decoder (RFC 7541), one per connection, fed whole header blocks (HEADERS plus its CONTINUATIONs) in the
/// order they arrive. Static and dynamic table, table size updates (only at the start of a block, never above the
/// limit we advertised), Huffman strings, integer and string length limits. Strings are Latin-1 (one char per
/// octet, as HttpClient reads response headers). Dynamic table hits cost no allocation.
/// <para>
/// A header list larger than <see cref="MaxHeaderListSize"/> (RFC 9113 §6.5.2 sizes) is still decoded to the end,
/// so the dynamic table stays in step with the peer's encoder, but its fields are no longer delivered and
/// <see cref="Decode"/> then returns false: the stream fails, the connection lives on.
/// </para>
/// </summary>
internal sealed class HpackDecoder(int maxTableSize = 4096, int maxHeaderListSize = 64 * 1024)
{
    private readonly HpackDynamicTable _table = new(maxTableSize);

    /// <summary>The table size limit we advertise (SETTINGS_HEADER_TABLE_SIZE; 4096 unless changed).</summary>
    public int MaxTableSize { get; } = maxTableSize;

    public int MaxHeaderListSize { get; } = maxHeaderListSize;

    /// <summary>The dynamic table (tests).</summary>
    internal HpackDynamicTable Table => _table;

    /// <summary>Decodes one complete header block. False: the list exceeded <see cref="MaxHeaderListSize"/> (fields past it were not delivered).</summary>
    /// <exception cref="HpackException">Malformed block: a connection error.</exception>
    public bool Decode(ReadOnlySpan<byte> block, IHeaderSink sink)
    {
        var listSize = 0;
        var fits = true;
        var fieldSeen = false;
        var i = 0;
        while (i < block.Length)
        {
            var b = block[i];
            string name;
            string value;
            if ((b & 0x80) != 0)
            {
                // §6.1 indexed field
                var index = ReadInteger(block, ref i, 7);
                (name, value) = Lookup(index);
            }
            else if ((b & 0xC0) == 0x40)
            {
                // §6.2.1 literal with incremental indexing
                (name, value) = ReadLiteral(block, ref i, 6);
                _table.Add(name, value);
            }
            else if ((b & 0xE0) == 0x20)
            {
                // §6.3 dynamic table size update: only before the first field of a block
                if (fieldSeen)
                {
                    throw new HpackException("dynamic table size update after a header field");
                }

                var size = ReadInteger(block, ref i, 5);
                if (size > MaxTableSize)
                {
                    throw new HpackException($"dynamic table size update to {size} above the limit {MaxTableSize}");
                }

                _table.Resize(size);
                continue;
            }
            else
            {
                // §6.2.2 without indexing (0000), §6.2.3 never indexed (0001)
                (name, value) = ReadLiteral(block, ref i, 4);
            }

            fieldSeen = true;
            listSize += name.Length + value.Length + 32;
            if (listSize > MaxHeaderListSize)
            {
                fits = false;
            }

            if (fits)
            {
                sink.OnHeader(name, value);
            }
        }

        return fits;
    }

    private (string Name, string Value) Lookup(int index)
    {
        if (index == 0)
        {
            throw new HpackException("index 0");
        }

        return index <= HpackStaticTable.Count ? HpackStaticTable.Entries[index - 1] : _table[index - HpackStaticTable.Count];
    }

    private (string Name, string Value) ReadLiteral(ReadOnlySpan<byte> block, ref int i, int prefix)
    {
        var index = ReadInteger(block, ref i, prefix);
        var name = index == 0 ? ReadString(block, ref i) : Lookup(index).Name;
        if (index == 0 && name.Length == 0)
        {
            throw new HpackException("empty header name");
        }

        return (name, ReadString(block, ref i));
    }

    /// <summary>§5.1: an integer with an N-bit prefix; at most 2^28 or so (never more than a header list may hold).</summary>
    internal static int ReadInteger(ReadOnlySpan<byte> block, ref int i, int prefix)
    {
        if (i >= block.Length)
        {
            throw new HpackException("truncated integer");
        }

        var max = (1 << prefix) - 1;
        var value = block[i++] & max;
        if (value < max)
        {
            return value;
        }

        var shift = 0;
        while (true)
        {
            if (i >= block.Length)
            {
                throw new HpackException("truncated integer");
            }

            var b = block[i++];
            if (shift > 21)
            {
                throw new HpackException("integer too large");
            }

            value += (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    /// <summary>§5.2: a string literal, raw or Huffman-coded, no longer than the header list limit.</summary>
    private string ReadString(ReadOnlySpan<byte> block, ref int i)
    {
        if (i >= block.Length)
        {
            throw new HpackException("truncated string");
        }

        var huffman = (block[i] & 0x80) != 0;
        var length = ReadInteger(block, ref i, 7);
        if (length > MaxHeaderListSize)
        {
            throw new HpackException($"string of {length} octets exceeds the limit {MaxHeaderListSize}");
        }

        if (length > block.Length - i)
        {
            throw new HpackException("truncated string");
        }

        var raw = block.Slice(i, length);
        i += length;
        if (!huffman)
        {
            return length == 0 ? string.Empty : Encoding.Latin1.GetString(raw);
        }

        var max = Math.Min(Huffman.MaxDecodedLength(length), MaxHeaderListSize);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(max, 1));
        try
        {
            var n = Huffman.Decode(raw, rented.AsSpan(0, max));
            return n == 0 ? string.Empty : Encoding.Latin1.GetString(rented, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
