using System.Net;
using Grpc.Core;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Filters;

/// <summary>RequestHeaderModifier, ResponseHeaderModifier and backendRef-level filters (issue item 7).</summary>
[Collection(FiltersCollection.Name)]
public sealed class HeaderFilterTests(FiltersFixture fixture)
{
    [Fact]
    public async Task GrpcRequestHeadersAreSetAddedAndRemoved()
    {
        var client = new Echo.EchoClient(fixture.Channel("reqhdr.example.com"));
        var headers = new Metadata
        {
            { "x-header-set", "some-other-value" },
            { "x-header-add", "this-value-should-be-appended" },
            { "x-header-remove", "gone" },
            { "x-untouched", "kept" },
        };

        var reply = await client.UnaryAsync(new EchoRequest(), headers);

        Assert.Equal("set-overwrites-values", reply.Metadata["x-header-set"]);
        // "add" appends: the upstream request carries both values in one field, which HttpClient (the gateway's
        // upstream client) joins with ", " on the wire. Conformance's mesh test expects the same pair of values
        // ("this-value-should-be-appended,add-appends-values"); HTTP defines both spellings as equal.
        Assert.Equal("this-value-should-be-appended, add-appends-values", reply.Metadata["x-header-add"]);
        Assert.False(reply.Metadata.ContainsKey("x-header-remove"));
        Assert.Equal("kept", reply.Metadata["x-untouched"]);
    }

    [Fact]
    public async Task GrpcAddWithoutAnOriginalValueJustAdds()
    {
        var reply = await new Echo.EchoClient(fixture.Channel("reqhdr.example.com")).UnaryAsync(new EchoRequest());

        Assert.Equal("add-appends-values", reply.Metadata["x-header-add"]);
        Assert.Equal("set-overwrites-values", reply.Metadata["x-header-set"]);
    }

    [Fact]
    public async Task HttpRequestHeaderNamesMatchCaseInsensitively()
    {
        using var http = TestHttpClients.Http1(fixture.Port, "http.example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hdr");
        request.Headers.TryAddWithoutValidation("X-HEADER-SET", "original");
        request.Headers.TryAddWithoutValidation("x-HEADER-add", "original");
        request.Headers.TryAddWithoutValidation("X-Header-REMOVE", "gone");

        using var response = await http.SendAsync(request);
        var echo = await HttpEchoResponse.ReadAsync(response);

        Assert.Equal("set-overwrites-values", echo.Headers["x-header-set"]);
        Assert.Equal("original, add-appends-values", echo.Headers["x-header-add"]);
        Assert.False(echo.Headers.ContainsKey("x-header-remove"));
    }

    [Fact]
    public async Task GrpcResponseHeadersAreSetAddedAndRemoved()
    {
        var request = new EchoRequest();
        request.ResponseHeaders.Add("x-resp-set", "original");
        request.ResponseHeaders.Add("x-resp-add", "original");
        request.ResponseHeaders.Add("x-resp-remove", "gone");
        using var call = new Echo.EchoClient(fixture.Channel("resphdr.example.com")).UnaryAsync(request);

        var headers = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal(["set"], Values(headers, "x-resp-set"));
        // "add" appends a second header field; the client sees both values.
        Assert.Equal(["original", "added"], Values(headers, "x-resp-add"));
        Assert.Empty(Values(headers, "x-resp-remove"));
        Assert.Equal(["echo"], Values(headers, TestBackend.ServerHeader));
    }

    [Fact]
    public async Task HttpResponseHeaderAddAppends()
    {
        using var http = TestHttpClients.Http1(fixture.Port, "http.example.com");

        using var response = await http.GetAsync("/hdr?set-header=X-Resp-Add:original");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["original", "added"], response.Headers.GetValues("x-resp-add"));
    }

    [Fact]
    public async Task BackendRefFiltersApplyOnlyToTheirBackend()
    {
        var client = new Echo.EchoClient(fixture.Channel("perbackend.example.com"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10; i++)
        {
            using var call = client.UnaryAsync(new EchoRequest());
            var reply = await call;
            var headers = await call.ResponseHeadersAsync;
            seen.Add(reply.Server);
            var isA = reply.Server == "a";
            Assert.Equal(isA, reply.Metadata.TryGetValue("x-only-a", out var v) && v == "yes");
            Assert.Equal(isA, Values(headers, "x-resp-only-a").SequenceEqual(["yes"]));
        }

        Assert.Equal(["a", "b"], seen.Order());
    }

    private static string[] Values(Metadata headers, string name) =>
        [.. headers.Where(e => e.Key == name).Select(e => e.Value)];
}
