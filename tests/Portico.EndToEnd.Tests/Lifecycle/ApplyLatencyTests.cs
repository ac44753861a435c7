using System.Diagnostics;
using System.Globalization;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>How long an edited manifest takes to change what the gateway serves (file event, 100 ms hold-off, apply).</summary>
[Collection(LatencySensitive.Name)]
public sealed class ApplyLatencyTests(ITestOutputHelper output)
{
    private const int Samples = 10;

    // Measured ~110-350 ms (hold-off 100 ms + file event + translate/apply); 1 s leaves a wide margin and is what we promise.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AnEditChangesTrafficWithinOneSecond()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("base.yaml", new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", port)])
            .Service("one", [v1], port: 9000)
            .Service("two", [v2], port: 9000));
        dir.Write("route.yaml", Route("one"));
        await using var host = await GatewayHost.StartAsync(
            new RunOptions { ConfigPaths = [dir.Path], AdminAddress = "127.0.0.1:0", DefaultAddresses = ["127.0.0.1"] },
            new TestOutputLoggerProvider(output));
        using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        Assert.Equal("v1", (await client.UnaryAsync(new EchoRequest())).Server);

        var measured = new List<TimeSpan>();
        for (var i = 1; i <= Samples; i++)
        {
            var target = i % 2 == 1 ? "v2" : "v1";
            var watch = Stopwatch.StartNew();
            dir.Write("route.yaml", Route(target == "v1" ? "one" : "two"));

            // Calls back to back until the new backend answers; give up well after the limit so a slow apply is measured, not hidden.
            string server;
            do
            {
                server = (await client.UnaryAsync(new EchoRequest { Message = "probe" }, deadline: DateTime.UtcNow.AddSeconds(5))).Server;
            }
            while (server != target && watch.Elapsed < TimeSpan.FromSeconds(10));

            measured.Add(watch.Elapsed);
            Assert.Equal(target, server);
        }

        output.WriteLine("edit → new backend answers: " + string.Join(", ", measured.Select(m => m.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms")));
        Assert.All(measured, m => Assert.True(m < Limit, $"an edit took {m.TotalMilliseconds:F0} ms to apply (limit {Limit.TotalMilliseconds} ms)"));
    }

    private static Manifests Route(string service) => new Manifests()
        .GrpcRoute("r", ["gw"], ["grpc.example.com"], [RouteRule.To(new BackendRef(service, 9000))]);
}
