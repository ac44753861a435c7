namespace Portico.Proxy.Upstream.Http2.Hpack;

/// <summary>
/// The HPACK Huffman code (RFC 7541 Appendix B), decoding only (the encoder sends raw strings). The code is
/// canonical: within one bit length, codes count up in symbol order, and each length's first code follows the
/// previous length's last. So the table is the bit length of each symbol (typed from the RFC's "len" column,
/// grouped by length below), and the codes are rebuilt from it; the unit tests check the result against the RFC's
/// codes and its Appendix C examples.
/// </summary>
internal static class Huffman
{
    private const int Eos = 256;

    /// <summary>Symbols (byte values; 256 = EOS) by code length, each group in ascending symbol order.</summary>
    private static readonly (int Length, int[] Symbols)[] Groups =
    [
        (5, Chars("012aceiost")),
        (6, Chars(" %-./3456789=A_bdfghlmnpru")),
        (7, Chars(":BCDEFGHIJKLMNOPQRSTUVWYjkqvwxyz")),
        (8, Chars("&*,;XZ")),
        (10, Chars("!\"()?")),
        (11, Chars("'+|")),
        (12, Chars("#>")),
        (13, [0, '$', '@', '[', ']', '~']),
        (14, Chars("^}")),
        (15, Chars("<`{")),
        (19, [92, 195, 208]),
        (20, [128, 130, 131, 162, 184, 194, 224, 226]),
        (21, [153, 161, 167, 172, 176, 177, 179, 209, 216, 217, 227, 229, 230]),
        (22, [129, 132, 133, 134, 136, 146, 154, 156, 160, 163, 164, 169, 170, 173, 178, 181, 185, 186, 187, 189, 190, 196, 198, 228, 232, 233]),
        (23, [1, 135, 137, 138, 139, 140, 141, 143, 147, 149, 150, 151, 152, 155, 157, 158, 165, 166, 168, 174, 175, 180, 182, 183, 188, 191, 197, 231, 239]),
        (24, [9, 142, 144, 145, 148, 159, 171, 206, 215, 225, 236, 237]),
        (25, [199, 207, 234, 235]),
        (26, [192, 193, 200, 201, 202, 205, 210, 213, 218, 219, 238, 240, 242, 243, 255]),
        (27, [203, 204, 211, 212, 214, 221, 222, 223, 241, 244, 245, 246, 247, 248, 250, 251, 252, 253, 254]),
        (28, [2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127, 220, 249]),
        (30, [10, 13, 22, Eos]),
    ];

    // Canonical decoding tables, per group g: a left-aligned 32-bit window w holds a code of Groups[g].Length bits
    // when w < Limit[g] (and not below the previous group's limit); its symbol is
    // Sorted[Offset[g] + (w >> (32 - length)) - First[g]].
    private static readonly ulong[] Limit = new ulong[Groups.Length];
    private static readonly uint[] First = new uint[Groups.Length];
    private static readonly int[] Offset = new int[Groups.Length];
    private static readonly int[] Sorted = new int[257];

    /// <summary>Code and length of each symbol (tests and diagnostics).</summary>
    internal static readonly (uint Code, int Length)[] Codes = new (uint, int)[257];

    static Huffman()
    {
        uint code = 0;
        var previous = 0;
        var n = 0;
        for (var g = 0; g < Groups.Length; g++)
        {
            var (length, symbols) = Groups[g];
            if (previous != 0)
            {
                code <<= length - previous;
            }

            First[g] = code;
            Offset[g] = n;
            foreach (var s in symbols)
            {
                Codes[s] = (code, length);
                Sorted[n++] = s;
                code++;
            }

            Limit[g] = (ulong)code << (32 - length);
            previous = length;
        }
    }

    private static int[] Chars(string s)
    {
        var a = new int[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            a[i] = s[i];
        }

        return a;
    }

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="HpackException">EOS in the data, padding longer than 7 bits or not all ones, or too long for the destination.</exception>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ulong bits = 0; // left-aligned in the low 40 bits' worth: we keep up to 64 with 'count' valid from the top
        var count = 0;
        var written = 0;
        var i = 0;
        while (true)
        {
            while (count <= 56 && i < source.Length)
            {
                bits |= (ulong)source[i++] << (56 - count);
                count += 8;
            }

            if (count < 5)
            {
                break; // fewer bits left than the shortest code: padding
            }

            var window = bits >> 32; // top 32 bits
            var g = 0;
            while (g < Groups.Length && window >= Limit[g])
            {
                g++;
            }

            if (g == Groups.Length)
            {
                break; // all ones for 32 bits: only possible as (invalid) padding; checked below
            }

            var length = Groups[g].Length;
            if (length > count)
            {
                break; // a partial code at the end: padding, checked below
            }

            var symbol = Sorted[Offset[g] + (int)((window >> (32 - length)) - First[g])];
            if (symbol == Eos)
            {
                throw new HpackException("Huffman data contains EOS");
            }

            if (written == destination.Length)
            {
                throw new HpackException("Huffman data decodes past the string length limit");
            }

            destination[written++] = (byte)symbol;
            bits <<= length;
            count -= length;
        }

        // Padding: fewer than 8 bits, all ones (the most significant bits of EOS).
        if (count > 7 || i < source.Length)
        {
            throw new HpackException("Huffman padding longer than 7 bits");
        }

        if (count > 0 && (bits >> (64 - count)) != (1UL << count) - 1)
        {
            throw new HpackException("Huffman padding is not the EOS prefix");
        }

        return written;
    }

    /// <summary>Upper bound of the decoded length (shortest code: 5 bits).</summary>
    public static int MaxDecodedLength(int encodedLength) => encodedLength * 8 / 5;
}
