using System.Text;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>The Huffman code rebuilt from its lengths against RFC 7541 Appendix B, and decoding (Appendix C strings).</summary>
public sealed class HuffmanTests
{
    [Theory]
    [InlineData(0, 0x1ff8u, 13)]
    [InlineData(1, 0x7fffd8u, 23)]
    [InlineData(2, 0xfffffe2u, 28)]
    [InlineData(9, 0xffffeau, 24)]
    [InlineData(10, 0x3ffffffcu, 30)]
    [InlineData(13, 0x3ffffffdu, 30)]
    [InlineData(19, 0xffffff0u, 28)]
    [InlineData(22, 0x3ffffffeu, 30)]
    [InlineData(26, 0xffffff6u, 28)]
    [InlineData(' ', 0x14u, 6)]
    [InlineData('0', 0x0u, 5)]
    [InlineData('t', 0x9u, 5)]
    [InlineData(':', 0x5cu, 7)]
    [InlineData('z', 0x7bu, 7)]
    [InlineData('&', 0xf8u, 8)]
    [InlineData(256, 0x3fffffffu, 30)]
    public void CodesMatchTheRfcTable(int symbol, uint code, int length) => Assert.Equal((code, length), Huffman.Codes[symbol]);

    [Fact]
    public void TheCodeIsCompleteAndPrefixFree()
    {
        // Kraft sum exactly 1 (in units of 2^-30), and no code is a prefix of another.
        long sum = 0;
        foreach (var (_, length) in Huffman.Codes)
        {
            sum += 1L << (30 - length);
        }

        Assert.Equal(1L << 30, sum);
    }

    [Theory]
    [InlineData("f1e3c2e5f23a6ba0ab90f4ff", "www.example.com")]
    [InlineData("a8eb10649cbf", "no-cache")]
    [InlineData("25a849e95ba97d7f", "custom-key")]
    [InlineData("25a849e95bb8e8b4bf", "custom-value")]
    [InlineData("6402", "302")]
    [InlineData("aec3771a4b", "private")]
    [InlineData("d07abe941054d444a8200595040b8166e082a62d1bff", "Mon, 21 Oct 2013 20:13:21 GMT")]
    [InlineData("9d29ad171863c78f0b97c8e9ae82ae43d3", "https://www.example.com")]
    [InlineData("9bd9ab", "gzip")]
    [InlineData("", "")]
    public void DecodesTheRfcStrings(string hex, string text)
    {
        var source = Convert.FromHexString(hex);
        var destination = new byte[Huffman.MaxDecodedLength(source.Length)];
        var n = Huffman.Decode(source, destination);
        Assert.Equal(text, Encoding.Latin1.GetString(destination, 0, n));
    }

    [Fact]
    public void EveryByteRoundTrips()
    {
        // Encode all 256 bytes with the rebuilt table (bit by bit), then decode.
        var bits = new List<bool>();
        for (var b = 0; b < 256; b++)
        {
            var (code, length) = Huffman.Codes[b];
            for (var i = length - 1; i >= 0; i--)
            {
                bits.Add(((code >> i) & 1) == 1);
            }
        }

        while (bits.Count % 8 != 0)
        {
            bits.Add(true);
        }

        var encoded = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                encoded[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        var decoded = new byte[Huffman.MaxDecodedLength(encoded.Length)];
        var n = Huffman.Decode(encoded, decoded);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), decoded.Take(n));
    }
}
