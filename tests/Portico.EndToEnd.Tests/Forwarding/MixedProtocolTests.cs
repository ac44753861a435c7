using System.Net;
using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>HTTP/1.1 and h2c prior knowledge on one port; gRPC requests fall back to HTTPRoutes (issue item 2).</summary>
public sealed class MixedProtocolTests(MixedProtocolFixture fixture) : IClassFixture<MixedProtocolFixture>
{
    [Fact]
    public async Task Http1RequestIsServedByTheHttpRoute()
    {
        using var http = TestHttpClients.Http1(fixture.Port, MixedProtocolFixture.Host);

        using var response = await http.GetAsync("/web/page?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        var echo = await HttpEchoResponse.ReadAsync(response);
        Assert.Equal("web", echo.Server);
        Assert.Equal("/web/page", echo.Path);
        Assert.Equal("x=1", echo.Query);
        Assert.Equal("HTTP/1.1", echo.Protocol);
        Assert.Equal($"{MixedProtocolFixture.Host}:{fixture.Port}", echo.Authority);
    }

    [Fact]
    public async Task GrpcCallOnTheSamePortAndHostnameIsServedByTheGrpcRoute()
    {
        var reply = await new Echo.EchoClient(fixture.Channel(MixedProtocolFixture.Host)).UnaryAsync(new EchoRequest { Message = "x" });

        Assert.Equal("grpc", reply.Server);
    }

    [Fact]
    public async Task BothProtocolsAreServedAtTheSameTime()
    {
        using var http = TestHttpClients.Http1(fixture.Port, MixedProtocolFixture.Host);
        var client = new Echo.EchoClient(fixture.Channel(MixedProtocolFixture.Host));
        using var stream = client.Bidi();
        await stream.RequestStream.WriteAsync(new EchoRequest { Message = "open" });
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));

        // An HTTP/1.1 request on another connection of the same port while the h2c stream is open.
        using var response = await http.GetAsync("/web/during");

        Assert.Equal("web", (await HttpEchoResponse.ReadAsync(response)).Server);
        await stream.RequestStream.WriteAsync(new EchoRequest { Message = "still open" });
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("still open", stream.ResponseStream.Current.Message);
        await stream.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task PlainH2cRequestUsesHttpRoutesAndAnHttp1Upstream()
    {
        using var http = TestHttpClients.H2c(fixture.Port, MixedProtocolFixture.Host);

        using var response = await http.GetAsync("/web/h2");

        Assert.Equal(HttpVersion.Version20, response.Version);
        var echo = await HttpEchoResponse.ReadAsync(response);
        Assert.Equal("web", echo.Server);
        Assert.Equal("HTTP/1.1", echo.Protocol);
    }

    [Fact]
    public async Task GrpcMethodWithoutGrpcRouteFallsToAMatchingHttpRoute()
    {
        // No GRPCRoute matches portico.test.Other; the HTTPRoute on its path prefix does.
        var reply = await new Other.OtherClient(fixture.Channel(MixedProtocolFixture.Host)).CallAsync(new EchoRequest { Message = "fallback" });

        Assert.Equal("fallback", reply.Server);
        Assert.Equal("/portico.test.Other/Call", reply.Method);
        Assert.Equal("trailers", reply.Metadata["te"]);
    }

    [Fact]
    public async Task GrpcMethodMatchingNeitherKindIsUnimplemented()
    {
        var client = new Anchor.AnchorClient(fixture.Channel(MixedProtocolFixture.Host));

        var e = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }

    [Fact]
    public async Task NonGrpcRequestNeverUsesGrpcRoutes()
    {
        // The path is one the GRPCRoute matches, but without a gRPC content type only HTTPRoutes are consulted.
        using var http = TestHttpClients.Http1(fixture.Port, MixedProtocolFixture.Host);
        var grpcCalls = fixture.Grpc.CallsReceived;

        using var response = await http.PostAsync("/portico.test.Echo/Unary", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(grpcCalls, fixture.Grpc.CallsReceived);
    }

    [Fact]
    public async Task UnknownPathOverHttp1Is404()
    {
        using var http = TestHttpClients.Http1(fixture.Port, MixedProtocolFixture.Host);

        using var response = await http.GetAsync("/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RawGrpcRequestOverH2cIsForwardedWithTrailers()
    {
        using var http = TestHttpClients.H2c(fixture.Port, MixedProtocolFixture.Host);
        using var request = GrpcWire.Request("/portico.test.Echo/Unary", new EchoRequest { Message = "raw" });

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(GrpcWire.Single(response.Headers, "grpc-status")); // a normal response: status in the trailers
        Assert.Equal("0", GrpcWire.Single(response.TrailingHeaders, "grpc-status"));
        Assert.True(body.Length > 5);
        Assert.Equal("grpc", GrpcWire.Single(response.Headers, TestBackend.ServerHeader));
    }
}
