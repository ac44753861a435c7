using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>RFC 7541 Appendix C examples (C.3-C.6: sequences of blocks on one decoder), table eviction, malformed input.</summary>
public sealed class HpackDecoderTests
{
    private sealed class Collect : IHeaderSink
    {
        public List<(string, string)> Fields { get; } = [];

        public void OnHeader(string name, string value) => Fields.Add((name, value));
    }

    private static List<(string, string)> Decode(HpackDecoder decoder, string hex)
    {
        var sink = new Collect();
        Assert.True(decoder.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), sink));
        return sink.Fields;
    }

    private static void AssertTable(HpackDecoder decoder, int size, params (string, string)[] entries)
    {
        Assert.Equal(entries.Length, decoder.Table.Count);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i], decoder.Table[i + 1]);
        }

        Assert.Equal(size, decoder.Table.Size);
    }

    private static readonly (string, string)[] Request1 = [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com")];
    private static readonly (string, string)[] Request2 = [.. Request1, ("cache-control", "no-cache")];
    private static readonly (string, string)[] Request3 = [(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value")];

    [Theory]
    [InlineData(false, "828684410f7777772e6578616d706c652e636f6d", "828684be58086e6f2d6361636865", "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565")] // C.3
    [InlineData(true, "828684418cf1e3c2e5f23a6ba0ab90f4ff", "828684be5886a8eb10649cbf", "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf")] // C.4
    public void RequestExamplesDecodeWithTheDynamicTableCarriedAcrossBlocks(bool huffman, string first, string second, string third)
    {
        _ = huffman;
        var decoder = new HpackDecoder();

        Assert.Equal(Request1, Decode(decoder, first));
        AssertTable(decoder, 57, (":authority", "www.example.com"));

        Assert.Equal(Request2, Decode(decoder, second));
        AssertTable(decoder, 110, ("cache-control", "no-cache"), (":authority", "www.example.com"));

        Assert.Equal(Request3, Decode(decoder, third));
        AssertTable(decoder, 164, ("custom-key", "custom-value"), ("cache-control", "no-cache"), (":authority", "www.example.com"));
    }

    private const string Date21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private const string Date22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private const string Location = "https://www.example.com";
    private const string Cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    [Theory]
    [InlineData( // C.5
        "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d546e1768747470733a2f2f7777772e6578616d706c652e636f6d",
        "4803333037c1c0bf",
        "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076657273696f6e3d31")]
    [InlineData( // C.6
        "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3",
        "4883640effc1c0bf",
        "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007")]
    public void ResponseExamplesEvictTheOldestEntriesFromA256OctetTable(string first, string second, string third)
    {
        var decoder = new HpackDecoder(maxTableSize: 256);
        decoder.Table.Resize(256);

        Assert.Equal([(":status", "302"), ("cache-control", "private"), ("date", Date21), ("location", Location)], Decode(decoder, first));
        AssertTable(decoder, 222, ("location", Location), ("date", Date21), ("cache-control", "private"), (":status", "302"));

        Assert.Equal([(":status", "307"), ("cache-control", "private"), ("date", Date21), ("location", Location)], Decode(decoder, second));
        AssertTable(decoder, 222, (":status", "307"), ("location", Location), ("date", Date21), ("cache-control", "private"));

        Assert.Equal(
            [(":status", "200"), ("cache-control", "private"), ("date", Date22), ("location", Location), ("content-encoding", "gzip"), ("set-cookie", Cookie)],
            Decode(decoder, third));
        AssertTable(decoder, 215, ("set-cookie", Cookie), ("content-encoding", "gzip"), ("date", Date22));
    }

    [Fact]
    public void IndexedDynamicEntriesReuseTheStoredStrings()
    {
        var decoder = new HpackDecoder();
        var first = Decode(decoder, "400a637573746f6d2d6b65790c637573746f6d2d76616c7565");
        var again = Decode(decoder, "be");
        Assert.Same(first[0].Item2, again[0].Item2);
    }

    [Fact]
    public void ASizeUpdateEvictsAndAnEntryLargerThanTheTableEmptiesIt()
    {
        var decoder = new HpackDecoder();
        Decode(decoder, "400a637573746f6d2d6b65790c637573746f6d2d76616c7565"); // custom-key: custom-value (54)
        Decode(decoder, "3f19"); // size update to 56 (31 + 25)
        AssertTable(decoder, 54, ("custom-key", "custom-value"));
        Decode(decoder, "20"); // size update to 0
        AssertTable(decoder, 0);
        Decode(decoder, "3f19"); // back to 56
        Decode(decoder, "400a637573746f6d2d6b65790d637573746f6d2d76616c756573"); // 55 fits
        Assert.Equal(1, decoder.Table.Count);
        Decode(decoder, "400a637573746f6d2d6b65790f637573746f6d2d76616c7565737373"); // 57 > 56: table emptied, not added
        AssertTable(decoder, 0);
    }

    [Theory]
    [InlineData("80")] // index 0
    [InlineData("be")] // dynamic index 62 with an empty table
    [InlineData("ff80808080808001")] // integer too large
    [InlineData("41")] // truncated string
    [InlineData("418a")] // string longer than the block
    [InlineData("3fe21f")] // size update to 4097, above the 4096 limit
    [InlineData("823f19")] // size update after a field
    [InlineData("4181ff")] // Huffman: padding of 8 bits (all ones)
    [InlineData("418100")] // Huffman: '0' then padding of 3 zero bits
    [InlineData("4084ffffffff0161")] // Huffman: EOS in the name
    [InlineData("4000016100")] // empty literal name
    public void MalformedBlocksAreRejected(string hex)
    {
        var decoder = new HpackDecoder();
        Assert.Throws<HpackException>(() => decoder.Decode(Convert.FromHexString(hex), new Collect()));
    }

    [Fact]
    public void AHeaderListAboveTheLimitIsDecodedButReportedAndNotDelivered()
    {
        var decoder = new HpackDecoder(maxHeaderListSize: 100);
        var sink = new Collect();
        // custom-key: custom-value (54), indexed; then the same again (108 > 100).
        var fits = decoder.Decode(Convert.FromHexString("400a637573746f6d2d6b65790c637573746f6d2d76616c7565be"), sink);

        Assert.False(fits);
        Assert.Single(sink.Fields);
        Assert.Equal(1, decoder.Table.Count); // the table stayed in step with the encoder
    }
}
