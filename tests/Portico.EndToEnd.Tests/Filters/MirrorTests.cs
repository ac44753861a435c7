using Grpc.Core;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Filters;

/// <summary>RequestMirror: the mirror gets a copy; percent 0 never does (issue item 7).</summary>
[Collection(FiltersCollection.Name)]
public sealed class MirrorTests(FiltersFixture fixture)
{
    [Fact]
    public async Task GrpcMirrorReceivesACopyOfTheCall()
    {
        var id = Guid.NewGuid().ToString("N");

        var reply = await new Echo.EchoClient(fixture.Channel("mirror.example.com"))
            .UnaryAsync(new EchoRequest { Message = "mirrored" }, new Metadata { { "x-mirror-id", id } });

        Assert.Equal("echo", reply.Server);
        var copy = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Mirror.Requests.FirstOrDefault(r => r.Headers.GetValueOrDefault("x-mirror-id") == id)),
            r => r is not null);
        Assert.Equal("/portico.test.Echo/Unary", copy!.Target);
        Assert.True(copy.IsGrpc);
        Assert.Equal("POST", copy.Method);
        Assert.Equal("trailers", copy.Headers["te"]);
        Assert.Equal($"mirror.example.com:{fixture.Port}", copy.Authority);
    }

    [Fact]
    public async Task MirrorAtZeroPercentNeverReceives()
    {
        var zero = "zero-" + Guid.NewGuid().ToString("N");
        var sync = "sync-" + Guid.NewGuid().ToString("N");
        var client = new Echo.EchoClient(fixture.Channel("mirror-zero.example.com"));
        for (var i = 0; i < 20; i++)
        {
            await client.UnaryAsync(new EchoRequest(), new Metadata { { "x-mirror-id", zero } });
        }

        // A 100% mirror call made afterwards: once its copy has arrived, copies of the earlier calls (sent the same
        // way, earlier) would have arrived too.
        await new Echo.EchoClient(fixture.Channel("mirror.example.com")).UnaryAsync(new EchoRequest(), new Metadata { { "x-mirror-id", sync } });
        await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Mirror.Requests.Any(r => r.Headers.GetValueOrDefault("x-mirror-id") == sync)),
            arrived => arrived);

        Assert.DoesNotContain(fixture.Mirror.Requests, r => r.Headers.GetValueOrDefault("x-mirror-id") == zero);
        Assert.Equal(20, fixture.Echo.Requests.Count(r => r.Headers.GetValueOrDefault("x-mirror-id") == zero));
    }

    [Fact]
    public async Task RequestLargerThanTheMirrorLimitIsServedButNotMirrored()
    {
        // ProxyOptions.MaxMirrorBodyBytes is 1 MiB: a bigger body is still forwarded, only the copy is skipped.
        var big = "big-" + Guid.NewGuid().ToString("N");
        var sync = "sync-" + Guid.NewGuid().ToString("N");
        var client = new Echo.EchoClient(fixture.Channel("mirror.example.com"));

        var reply = await client.UnaryAsync(
            new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[2 * 1024 * 1024]) },
            new Metadata { { "x-mirror-id", big } });
        await client.UnaryAsync(new EchoRequest(), new Metadata { { "x-mirror-id", sync } });
        await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Mirror.Requests.Any(r => r.Headers.GetValueOrDefault("x-mirror-id") == sync)),
            arrived => arrived);

        Assert.Equal(2 * 1024 * 1024, reply.ReceivedPayloadSize);
        Assert.DoesNotContain(fixture.Mirror.Requests, r => r.Headers.GetValueOrDefault("x-mirror-id") == big);
    }

    [Fact]
    public async Task HttpMirrorReceivesMethodPathAndBody()
    {
        var id = Guid.NewGuid().ToString("N");
        using var http = TestHttpClients.Http1(fixture.Port, "http-mirror.example.com");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/items/7?v=1") { Content = new StringContent("twelve bytes") };
        request.Headers.Add("x-mirror-id", id);

        using var response = await http.SendAsync(request);

        Assert.Equal("web", (await HttpEchoResponse.ReadAsync(response)).Server);
        var copy = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.WebMirror.Requests.FirstOrDefault(r => r.Headers.GetValueOrDefault("x-mirror-id") == id)),
            r => r is not null);
        Assert.Equal("PUT", copy!.Method);
        Assert.Equal("/items/7?v=1", copy.Target);
        Assert.Equal("12", copy.Headers["content-length"]);
    }
}
