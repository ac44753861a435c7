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
        dir.Write("base.yaml", LocalGateway.TwoServices(port, v1, v2));
        dir.Write("route.yaml", Route("one"));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        Assert.Equal("v1", (await client.UnaryAsync(new EchoRequest())).Server);

        var measured = new List<TimeSpan>();
        for (var i = 1; i <= Samples; i++)
        {
            var target = i % 2 == 1 ? "v2" : "v1";
            var watch = Stopwatch.StartNew();
            dir.Write("route.yaml", Route(target == "v1" ? "one" : "two"));

            // Calls every few ms until the new backend answers; give up well after the limit so a slow apply is measured, not hidden.
            string server;
            while ((server = (await client.UnaryAsync(new EchoRequest { Message = "probe" }, deadline: DateTime.UtcNow.AddSeconds(5))).Server) != target &&
                watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(2); // leaves the (small, shared) machine to the gateway
            }

            measured.Add(watch.Elapsed);
            Assert.Equal(target, server);
        }

        var text = string.Join(", ", measured.Select(m => m.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms"));
        output.WriteLine("edit → new backend answers: " + text);

        // Other test assemblies run at the same time (one renders a page in headless Chromium), and on two cores one
        // sample in ten has been seen at 780 ms: one may pass the limit, none may take three times it.
        Assert.True(measured.Count(m => m >= Limit) <= 1, $"more than one edit took {Limit.TotalMilliseconds} ms or more to apply: {text}");
        Assert.All(measured, m => Assert.True(m < 3 * Limit, $"an edit took {m.TotalMilliseconds:F0} ms to apply: {text}"));
    }

    [Fact]
    public async Task ABurstOfEditsIsCoalescedAndEndsWithTheLastOneApplied()
    {
        const int Burst = 20;
        const int Attempts = 3;
        await using var v1 = await TestBackend.StartAsync("v1");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("base.yaml", LocalGateway.OneService(port, v1));
        dir.Write("route.yaml", Route("one", version: 0));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        Assert.Equal("0", (await client.UnaryAsync(new EchoRequest())).Metadata["x-version"]);

        // One burst is one sample of the machine's timing: a stall of the writer (another test assembly busy on the
        // same two cores) splits it, and a stall of the gateway delays it. Up to three bursts run; one within both
        // bounds passes. A gateway that does not coalesce, or applies slowly, misses them every time.
        var results = new List<string>();
        var version = 0;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var before = host.Store.Current.Generation;
            for (var i = 1; i <= Burst; i++)
            {
                dir.Write("route.yaml", Route("one", version: ++version));
            }

            var watch = Stopwatch.StartNew();
            var last = version.ToString(CultureInfo.InvariantCulture);
            await Eventually.ReturnsAsync(async () => (await client.UnaryAsync(new EchoRequest())).Metadata["x-version"], v => v == last,
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
            var elapsed = watch.Elapsed;

            var applies = host.Store.Current.Generation - before;
            results.Add($"{applies} apply(s), the last one served {elapsed.TotalMilliseconds:F0} ms after the burst");
            output.WriteLine($"burst {attempt}, {Burst} writes back to back: {results[^1]}");
            if (elapsed < Limit && applies is >= 1 and <= Burst / 4)
            {
                return;
            }

            await Task.Delay(Limit); // the next burst starts a new one (MaxDelay since the last edit)
        }

        Assert.Fail($"no burst of {Burst} edits was applied in at most {Burst / 4} applies within {Limit.TotalMilliseconds} ms: {string.Join("; ", results)}");
    }

    private static Manifests Route(string service, int? version = null) => new Manifests()
        .GrpcRoute("r", ["gw"], ["grpc.example.com"], [
            version is null
                ? RouteRule.To(new BackendRef(service, 9000))
                : RouteRule.To(new BackendRef(service, 9000)).WithFilters($"""
                    type: RequestHeaderModifier
                    requestHeaderModifier:
                      set:
                      - name: x-version
                        value: "{version}"
                    """),
        ]);
}
