using System.Net;
using System.Net.Sockets;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>A listener whose port is taken: reported in status, the rest serves, and it binds once the port is free.</summary>
public sealed class PortUnavailableTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ListenerOnATakenPortIsReportedAndBindsOnceThePortIsFree()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var (good, taken) = (FreePorts.Next(), FreePorts.Next());
        var squatter = new TcpListener(IPAddress.Loopback, taken);
        squatter.Start();
        try
        {
            using var dir = ManifestDirectory.Create();
            var manifests = new Manifests()
                .GatewayClass()
                .Gateway("gw", [GatewayListener.Http("good", good), GatewayListener.Http("taken", taken)])
                .Service("one", [v1], port: 9000)
                .GrpcRoute("r", ["gw"], ["grpc.example.com"], [RouteRule.To(new BackendRef("one", 9000))]);
            dir.Write("all.yaml", manifests);
            await using var host = await LocalGateway.StartAsync(dir, output);
            using var admin = new AdminClient(host.AdminUri);

            // :: Reported, not fatal
            var status = await admin.StatusAsync();
            var failed = StatusJson.Listener(status, "gw", "taken")!;
            Assert.Equal("False/PortUnavailable", StatusJson.StatusReason(failed, "Accepted"));
            Assert.Equal("False/Invalid", StatusJson.StatusReason(failed, "Programmed"));
            Assert.Contains(taken.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)StatusJson.Condition(failed, "Accepted")["message"]!, StringComparison.Ordinal);
            var serving = StatusJson.Listener(status, "gw", "good")!;
            Assert.Equal("True/Accepted", StatusJson.StatusReason(serving, "Accepted"));
            Assert.Equal("True/Programmed", StatusJson.StatusReason(serving, "Programmed"));
            var gateway = StatusJson.Item(status, "Gateway", "gw")!["status"]!;
            Assert.Equal("True/ListenersNotValid", StatusJson.StatusReason(gateway, "Accepted"));
            Assert.Equal("True/Programmed", StatusJson.StatusReason(gateway, "Programmed"));

            using var channel = GrpcClients.CreateChannel(good, "grpc.example.com");
            Assert.Equal("v1", (await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest())).Server);

            // :: Freed and touched: binds
            squatter.Stop();
            var servingTimes = serving["conditions"]!.AsArray().Select(c => (string?)c!["lastTransitionTime"]).ToList();
            dir.Write("all.yaml", manifests);
            status = await admin.WaitForStatusAsync(s => StatusJson.StatusReason(StatusJson.Listener(s, "gw", "taken")!, "Programmed") == "True/Programmed");
            failed = StatusJson.Listener(status, "gw", "taken")!;
            Assert.Equal("True/Accepted", StatusJson.StatusReason(failed, "Accepted"));
            Assert.Equal("True/Accepted", StatusJson.StatusReason(StatusJson.Item(status, "Gateway", "gw")!["status"]!, "Accepted"));
            Assert.Equal(servingTimes, StatusJson.Listener(status, "gw", "good")!["conditions"]!.AsArray().Select(c => (string?)c!["lastTransitionTime"]));
            using var now = GrpcClients.CreateChannel(taken, "grpc.example.com");
            Assert.Equal("v1", (await new Echo.EchoClient(now).UnaryAsync(new EchoRequest())).Server);
        }
        finally
        {
            squatter.Dispose();
        }
    }
}
