using Grpc.Core;
using Portico.Cli.Run;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task UnaryCallIsRoutedByMethodAndUnknownMethodIsUnimplemented()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", port)])
            .Service("one", [v1], port: 9000)
            .Service("two", [v2], port: 9000)
            .GrpcRoute("r", ["gw"], ["grpc.example.com"], [
                RouteRule.To(new BackendRef("one", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary")),
                RouteRule.To(new BackendRef("two", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "ServerStream")),
            ]));
        await using var host = await GatewayHost.StartAsync(new RunOptions { ConfigPaths = [dir.Path], AdminAddress = "127.0.0.1:0", DefaultAddresses = ["127.0.0.1"] });

        using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        var reply = await client.UnaryAsync(new EchoRequest { Message = "hi" });
        Assert.Equal("v1", reply.Server);
        Assert.Equal("/portico.test.Echo/Unary", reply.Method);
        Assert.Equal("trailers", reply.Metadata["te"]);

        var other = new Other.OtherClient(channel);
        var e = await Assert.ThrowsAsync<RpcException>(() => other.CallAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}
