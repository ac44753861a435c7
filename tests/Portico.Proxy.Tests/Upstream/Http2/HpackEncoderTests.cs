using Portico.Proxy.Upstream.Http2;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Tests.Upstream.Http2;

public sealed class HpackEncoderTests
{
    private sealed class Collect : IHeaderSink
    {
        public List<(string, string)> Fields { get; } = [];

        public void OnHeader(string name, string value) => Fields.Add((name, value));
    }

    [Theory]
    [InlineData(10, 5, "0a")] // C.1.1
    [InlineData(1337, 5, "1f9a0a")] // C.1.2
    [InlineData(42, 8, "2a")] // C.1.3
    public void IntegersAreEncodedAsInTheRfc(int value, int prefix, string hex)
    {
        var span = new byte[8];
        var n = HpackEncoder.WriteInteger(span, value, prefix, 0);
        Assert.Equal(hex, Convert.ToHexStringLower(span, 0, n));
    }

    [Fact]
    public void ARequestBlockDecodesBackToTheSameFieldsWithNamesInLowerCase()
    {
        var headers = new Http2RequestHeaders();
        headers.Reset("POST", "http", "svc.example.com:8080", "/pkg.Service/Method");
        headers.Add("content-type", "application/grpc");
        headers.Add("te", "trailers");
        headers.Add("X-Custom", new string('v', 300)); // a multi-byte length
        headers.Add("user-agent", "grpc-dotnet");
        var buffer = new byte[8]; // grows
        var length = headers.Encode(ref buffer);

        var sink = new Collect();
        Assert.True(new HpackDecoder().Decode(buffer.AsSpan(0, length), sink));
        Assert.Equal(
            [(":method", "POST"), (":scheme", "http"), (":path", "/pkg.Service/Method"), (":authority", "svc.example.com:8080"),
             ("content-type", "application/grpc"), ("te", "trailers"), ("x-custom", new string('v', 300)), ("user-agent", "grpc-dotnet")],
            sink.Fields);
    }

    [Fact]
    public void TheHeaderListRemovesAndJoinsIgnoringCase()
    {
        var headers = new Http2RequestHeaders();
        headers.Add("X-Forwarded-For", "1.1.1.1");
        headers.Add("a", "1");
        headers.Add("x-forwarded-for", "2.2.2.2"); // one field, as HttpClient sends it
        Assert.Equal(2, headers.Count);
        Assert.Equal("1.1.1.1, 2.2.2.2", headers.Get("X-FORWARDED-FOR"));
        headers.Remove("x-forwarded-for");
        Assert.Null(headers.Get("x-forwarded-for"));
        Assert.Equal(1, headers.Count);
    }
}
