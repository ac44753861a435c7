using Grpc.Core;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>Gateway listeners added and removed while the gateway runs.</summary>
public sealed class ListenerLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AddedListenerServesWithoutDisturbingConnectionsOnTheOthers()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var (p1, p2) = (FreePorts.Next(), FreePorts.Next());
        using var dir = ManifestDirectory.Create();
        dir.Write("routes.yaml", Routes(v1));
        dir.Write("gateway.yaml", Gateway(GatewayListener.Http("a", p1)));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);
        Assert.False(await Sockets.AcceptsAsync(p2));

        using var old = new ObservedChannel(p1, "grpc.example.com");
        Assert.Equal("v1", (await old.Client.UnaryAsync(new EchoRequest())).Server);
        using var stream = old.Client.ServerStream(new StreamRequest { Message = "long", Count = 60, IntervalMs = 50 });
        Assert.True(await stream.ResponseStream.MoveNext());
        var received = 1;
        var reading = Task.Run(async () =>
        {
            while (await stream.ResponseStream.MoveNext())
            {
                Assert.Equal(++received, stream.ResponseStream.Current.Sequence);
            }
        });

        dir.Write("gateway.yaml", Gateway(GatewayListener.Http("a", p1), GatewayListener.Http("b", p2)));
        var status = await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "Gateway", "gw", 2));
        Assert.Equal("True/Programmed", StatusJson.StatusReason(StatusJson.Listener(status, "gw", "b")!, "Programmed"));
        Assert.False(reading.IsCompleted, "the stream ended before the listener was added: nothing was tested");

        using var added = GrpcClients.CreateChannel(p2, "grpc.example.com");
        Assert.Equal("v1", (await new Echo.EchoClient(added).UnaryAsync(new EchoRequest())).Server);

        await reading.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(60, received);
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
        Assert.Equal("v1", (await old.Client.UnaryAsync(new EchoRequest())).Server);
        Assert.Equal(1, old.Connections);
    }

    [Fact]
    public async Task RemovedListenerRefusesNewConnectionsAndDrainsTheCallInFlight()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var (p1, p2) = (FreePorts.Next(), FreePorts.Next());
        using var dir = ManifestDirectory.Create();
        dir.Write("routes.yaml", Routes(v1));
        dir.Write("gateway.yaml", Gateway(GatewayListener.Http("a", p1), GatewayListener.Http("b", p2)));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);

        using var doomed = new ObservedChannel(p2, "grpc.example.com");
        var inFlight = doomed.Client.UnaryAsync(new EchoRequest { Message = "slow", SleepMs = 4000 }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync;
        await v1.WaitUntilAsync(b => b.ActiveCalls == 1, TimeSpan.FromSeconds(5));

        dir.Write("gateway.yaml", Gateway(GatewayListener.Http("a", p1)));
        var status = await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "Gateway", "gw", 2));
        Assert.Null(StatusJson.Listener(status, "gw", "b"));

        // The socket stops accepting when the new table is applied, before the status is published.
        Assert.False(await Sockets.AcceptsAsync(p2), $"port {p2} still accepts connections after its listener was removed");
        using var fresh = GrpcClients.CreateChannel(p2, "grpc.example.com");
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(fresh).UnaryAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.False(inFlight.IsCompleted, "the slow call finished before the listener was removed: nothing was tested");

        // :: Put back while the old socket still drains: the port binds again and serves; the old call is unaffected.
        dir.Write("gateway.yaml", Gateway(GatewayListener.Http("a", p1), GatewayListener.Http("b", p2)));
        await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "Gateway", "gw", 3) &&
            StatusJson.StatusReason(StatusJson.Listener(s, "gw", "b")!, "Programmed") == "True/Programmed");
        using var again = GrpcClients.CreateChannel(p2, "grpc.example.com");
        Assert.Equal("v1", (await new Echo.EchoClient(again).UnaryAsync(new EchoRequest())).Server);
        Assert.False(inFlight.IsCompleted, "the slow call finished before the listener was put back: the re-bind was not tested during a drain");

        var reply = await inFlight.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("v1", reply.Server);
        Assert.Equal(1, doomed.Connections);
        using var other = GrpcClients.CreateChannel(p1, "grpc.example.com");
        Assert.Equal("v1", (await new Echo.EchoClient(other).UnaryAsync(new EchoRequest())).Server);
    }

    [Fact]
    public async Task SwitchingAListenerToTlsRebindsThePortAndDrainsTheCleartextCall()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        using var ca = TestCertificates.CreateAuthority();
        using var cert = ca.IssueServerCertificate("grpc.example.com");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("routes.yaml", Routes(v1).TlsSecret("cert", cert));
        dir.Write("gateway.yaml", Gateway(GatewayListener.Http("a", port)));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);

        using var cleartext = new ObservedChannel(port, "grpc.example.com");
        var inFlight = cleartext.Client.UnaryAsync(new EchoRequest { Message = "slow", SleepMs = 3000 }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync;
        await v1.WaitUntilAsync(b => b.ActiveCalls == 1, TimeSpan.FromSeconds(5));

        dir.Write("gateway.yaml", Gateway(GatewayListener.Https("a", port, "cert")));
        var status = await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "Gateway", "gw", 2));
        Assert.Equal("True/Programmed", StatusJson.StatusReason(StatusJson.Listener(status, "gw", "a")!, "Programmed"));
        using var tls = new ObservedChannel(port, "grpc.example.com", tls: true);
        Assert.Equal("v1", (await tls.Client.UnaryAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Server);
        Assert.Equal([cert.Certificate.Thumbprint], tls.Thumbprints);
        Assert.False(inFlight.IsCompleted, "the cleartext call finished before the switch: nothing was drained");

        Assert.Equal("v1", (await inFlight.WaitAsync(TimeSpan.FromSeconds(15))).Server);
    }


    private static Manifests Gateway(params GatewayListener[] listeners) => new Manifests().GatewayClass().Gateway("gw", listeners);

    private static Manifests Routes(TestBackend backend) => new Manifests()
        .Service("one", [backend], port: 9000)
        .GrpcRoute("r", ["gw"], ["grpc.example.com"], [RouteRule.To(new BackendRef("one", 9000))]);
}
