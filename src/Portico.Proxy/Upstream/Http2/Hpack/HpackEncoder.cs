using System.Buffers;
using System.Text;

namespace Portico.Proxy.Upstream.Http2.Hpack;

/// <summary>
/// HPACK encoder for request header blocks (RFC 7541). Stateless: static-table indices where a whole field or a
/// name is there, otherwise literals without indexing (§6.2.2), raw (no Huffman) strings. So it never touches the
/// peer's dynamic table and needs no table size updates. Names are sent lower-case (RFC 9113 §8.2.1); values as
/// Latin-1 octets.
/// </summary>
internal static class HpackEncoder
{
    /// <summary>Grows <paramref name="buffer"/> (the bigger one from the pool; the caller's old one is left to it or the GC) so that <paramref name="needed"/> more bytes fit after <paramref name="position"/>.</summary>
    private static void Ensure(ref byte[] buffer, int position, int needed)
    {
        if (buffer.Length - position >= needed)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, position + needed));
        buffer.AsSpan(0, position).CopyTo(bigger);
        buffer = bigger;
    }

    /// <summary>§6.1: a field the static table holds whole (e.g. 3 = <c>:method POST</c>).</summary>
    public static void WriteIndexed(ref byte[] buffer, ref int position, int index)
    {
        Ensure(ref buffer, position, 8);
        position += WriteInteger(buffer.AsSpan(position), index, 7, 0x80);
    }

    /// <summary>§6.2.2 with a name index, or a literal name when the static table has none.</summary>
    public static void WriteLiteral(ref byte[] buffer, ref int position, string name, string value)
    {
        if (HpackStaticTable.NameIndex.TryGetValue(name, out var index))
        {
            WriteLiteral(ref buffer, ref position, index, value);
            return;
        }

        Ensure(ref buffer, position, 1 + 8 + name.Length + 8 + value.Length);
        var span = buffer.AsSpan(position);
        span[0] = 0;
        var n = 1;
        n += WriteInteger(span[n..], name.Length, 7, 0);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            span[n++] = (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c);
        }

        n += WriteString(span[n..], value);
        position += n;
    }

    /// <summary>§6.2.2: literal value, name from static index.</summary>
    public static void WriteLiteral(ref byte[] buffer, ref int position, int nameIndex, string value)
    {
        Ensure(ref buffer, position, 8 + 8 + value.Length);
        var span = buffer.AsSpan(position);
        var n = WriteInteger(span, nameIndex, 4, 0);
        n += WriteString(span[n..], value);
        position += n;
    }

    private static int WriteString(Span<byte> span, string value)
    {
        var n = WriteInteger(span, value.Length, 7, 0); // H = 0: raw octets
        n += Encoding.Latin1.GetBytes(value, span[n..]);
        return n;
    }

    /// <summary>§5.1. Returns the bytes written (the span must hold them: at most 1 + 5 for an int).</summary>
    internal static int WriteInteger(Span<byte> span, int value, int prefix, byte flags)
    {
        var max = (1 << prefix) - 1;
        if (value < max)
        {
            span[0] = (byte)(flags | value);
            return 1;
        }

        span[0] = (byte)(flags | max);
        value -= max;
        var n = 1;
        while (value >= 0x80)
        {
            span[n++] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        return n;
    }
}
