using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Reloads under sustained gRPC traffic: unary loops and server streams keep running while the manifests are edited
/// fifty times (weights, a header filter, an unrelated route, an unrelated Gateway's listener port, a Service's
/// endpoints); not one call may fail, every stream must deliver all its messages, and every edit must take effect.
/// </summary>
[Collection(LatencySensitive.Name)]
public sealed class ReloadUnderLoadTests(ITestOutputHelper output)
{
    private const int Edits = 50;
    private const int UnaryWorkers = 4;
    private const int LongStreams = 3;
    private const int LongStreamMessages = 300; // 15 s at one message per 50 ms: open across most of the edits.
    private const int ShortStreamWorkers = 2;
    private const int ShortStreamMessages = 20; // restarted until the edits are done, so streams open and close during reloads too.
    private const int StreamIntervalMs = 50;

    private enum EditKind
    {
        Weights,
        HeaderFilter,
        UnrelatedRoute,
        UnrelatedListener,
        Endpoints,
    }

    [Fact]
    public async Task FiftyEditsUnderTrafficFailNoCallAndCutNoStream()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        await using var v3 = await TestBackend.StartAsync("v3");
        var port = FreePorts.Next();
        var sidePorts = FreePorts.Take(2);
        var config = new Config(ToV1: true, Header: 0, Extra: false, Side: 0, PoolScaled: false);
        using var dir = ManifestDirectory.Create();
        Manifests Services(Config c) => new Manifests()
            .Service("one", [v1], port: 9000)
            .Service("two", [v2], port: 9000)
            .Service("pool", c.PoolScaled ? [v3, v1] : [v3], port: 9000);
        dir.Write("services.yaml", Services(config));
        dir.Write("gateways.yaml", Gateways(config, port, sidePorts));
        dir.Write("routes.yaml", Routes(config));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);
        using var probe = GrpcClients.CreateChannel(port, "grpc.example.com");
        using var extraProbe = GrpcClients.CreateChannel(port, "extra.example.com");
        await ProbeAsync(config, probe, extraProbe, sidePorts);

        // :: Load
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var served = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var editsApplied = 0;
        GrpcChannel[] loadChannels = [GrpcClients.CreateChannel(port, "grpc.example.com"), GrpcClients.CreateChannel(port, "grpc.example.com")];
        var unary = Enumerable.Range(0, UnaryWorkers)
            .Select(i => Task.Run(() => UnaryLoopAsync(loadChannels[i % loadChannels.Length], pool: i == 0, served, failures, () => editsApplied, stop.Token)))
            .ToList();
        var longStreams = Enumerable.Range(0, LongStreams)
            .Select(i => Task.Run(() => StreamAsync(new Echo.EchoClient(loadChannels[i % loadChannels.Length]), $"long-{i}", LongStreamMessages, failures, () => editsApplied)))
            .ToList();
        var shortStreams = Enumerable.Range(0, ShortStreamWorkers)
            .Select(i => Task.Run(async () =>
            {
                var n = 0;
                while (!stop.IsCancellationRequested)
                {
                    await StreamAsync(new Echo.EchoClient(loadChannels[i % loadChannels.Length]), $"short-{i}-{n++}", ShortStreamMessages, failures, () => editsApplied);
                }

                return n;
            }))
            .ToList();

        // :: Edits — each one waits until /api/v1/status shows it, then probes that it took effect.
        var generations = new Dictionary<string, long> { ["GRPCRoute/main"] = 1, ["Gateway/gw2"] = 1 };
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= Edits; i++)
        {
            var kind = (EditKind)((i - 1) % 5);
            var edit = Stopwatch.StartNew();
            Func<Task<bool>> applied;
            switch (kind)
            {
                case EditKind.Weights or EditKind.HeaderFilter:
                    config = kind == EditKind.Weights ? config with { ToV1 = !config.ToV1 } : config with { Header = i };
                    dir.Write("routes.yaml", Routes(config));
                    var main = ++generations["GRPCRoute/main"];
                    applied = async () => StatusJson.Observed(await admin.StatusAsync(), "GRPCRoute", "main", main);
                    break;
                case EditKind.UnrelatedRoute:
                    config = config with { Extra = !config.Extra };
                    dir.Write("routes.yaml", Routes(config));
                    var extra = config.Extra;
                    applied = async () => await admin.StatusAsync() is var s &&
                        (extra ? StatusJson.Observed(s, "GRPCRoute", "extra", 1) : StatusJson.Item(s, "GRPCRoute", "extra") is null);
                    break;
                case EditKind.UnrelatedListener:
                    config = config with { Side = 1 - config.Side };
                    dir.Write("gateways.yaml", Gateways(config, port, sidePorts));
                    var gw2 = ++generations["Gateway/gw2"];
                    applied = async () => StatusJson.Observed(await admin.StatusAsync(), "Gateway", "gw2", gw2);
                    break;
                default:
                    // EndpointSlices have no status: wait for the served table (also admin API) to list the endpoints.
                    config = config with { PoolScaled = !config.PoolScaled };
                    dir.Write("services.yaml", Services(config));
                    var endpoints = config.PoolScaled ? 2 : 1;
                    applied = async () => (await admin.ConfigAsync())["backends"]!.AsArray()
                        .Single(b => (string?)b!["id"] == "service/default/pool/port/9000/h2c")!["endpoints"]!.AsArray().Count == endpoints;
                    break;
            }

            await Eventually.ReturnsAsync(applied, ok => ok, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));
            latencies.Add(edit.Elapsed.TotalMilliseconds);
            Interlocked.Increment(ref editsApplied);
            await ProbeAsync(config, probe, extraProbe, sidePorts);
        }

        var editing = watch.Elapsed;
        await stop.CancelAsync();
        var unaryCalls = (await Task.WhenAll(unary)).Sum();
        var longResults = await Task.WhenAll(longStreams).WaitAsync(TimeSpan.FromSeconds(30));
        var shortCounts = await Task.WhenAll(shortStreams).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var c in loadChannels)
        {
            c.Dispose();
        }

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Edits} edits in {editing.TotalSeconds:F1} s; edit → status applied: min {latencies[0]:F0} ms, median {latencies[latencies.Count / 2]:F0} ms, max {latencies[^1]:F0} ms"));
        output.WriteLine($"unary calls during the edits: {unaryCalls} (v1 {served.GetValueOrDefault("v1")}, v2 {served.GetValueOrDefault("v2")}, v3 {served.GetValueOrDefault("v3")}); " +
            $"long streams: {LongStreams} × {LongStreamMessages} messages, open across {string.Join("/", longResults)} edits; short streams: {shortCounts.Sum()} × {ShortStreamMessages} messages");

        Assert.Empty(failures);
        Assert.True(unaryCalls > 200, $"only {unaryCalls} unary calls: the load did not run");
        Assert.True(served.GetValueOrDefault("v1") > 0 && served.GetValueOrDefault("v2") > 0, "the weight flips never moved the load");
        Assert.True(served.GetValueOrDefault("v3") > 0, "the pool was never called");
        Assert.All(longResults, spanned => Assert.True(spanned >= 20, $"a long stream spanned only {spanned} edits"));
        Assert.All(shortCounts, n => Assert.True(n >= 2, "a short stream worker completed fewer than two streams"));
    }

    private sealed record Config(bool ToV1, int Header, bool Extra, int Side, bool PoolScaled);

    /// <summary>The served behaviour must equal <paramref name="config"/> exactly.</summary>
    private static async Task ProbeAsync(Config config, GrpcChannel probe, GrpcChannel extraProbe, int[] sidePorts)
    {
        var reply = await new Echo.EchoClient(probe).UnaryAsync(new EchoRequest { Message = "probe" }, deadline: DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(config.ToV1 ? "v1" : "v2", reply.Server);
        Assert.Equal(config.Header.ToString(CultureInfo.InvariantCulture), reply.Metadata["x-edit"]);

        var extra = new Echo.EchoClient(extraProbe).UnaryAsync(new EchoRequest { Message = "probe" }, deadline: DateTime.UtcNow.AddSeconds(5)).ResponseAsync;
        if (config.Extra)
        {
            Assert.Equal("v2", (await extra).Server);
        }
        else
        {
            Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => extra)).StatusCode);
        }

        // Round robin over the pool: a few calls reach every endpoint, and never one that was removed.
        var pool = new HashSet<string>(StringComparer.Ordinal);
        var other = new Other.OtherClient(probe);
        for (var i = 0; i < 20 && pool.Count < (config.PoolScaled ? 2 : 1) || i < 6; i++)
        {
            pool.Add((await other.CallAsync(new EchoRequest { Message = "probe" }, deadline: DateTime.UtcNow.AddSeconds(5))).Server);
        }

        Assert.Equal(config.PoolScaled ? ["v1", "v3"] : ["v3"], pool.Order(StringComparer.Ordinal));

        // The old side socket stops accepting when the swap unbinds it, before the status is published.
        Assert.True(await Sockets.AcceptsAsync(sidePorts[config.Side]), $"side listener port {sidePorts[config.Side]} refuses connections");
        Assert.False(await Sockets.AcceptsAsync(sidePorts[1 - config.Side]), $"old side listener port {sidePorts[1 - config.Side]} still accepts");
    }

    /// <param name="pool">Also call <c>portico.test.Other</c> (the "pool" Service whose endpoints change), every other call.</param>
    private static async Task<int> UnaryLoopAsync(GrpcChannel channel, bool pool, ConcurrentDictionary<string, int> served, ConcurrentQueue<string> failures,
        Func<int> edits, CancellationToken stop)
    {
        var echo = new Echo.EchoClient(channel);
        var other = new Other.OtherClient(channel);
        var calls = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var request = new EchoRequest { Message = "load" };
                var deadline = DateTime.UtcNow.AddSeconds(10);
                var reply = pool && calls % 2 == 1 ? await other.CallAsync(request, deadline: deadline) : await echo.UnaryAsync(request, deadline: deadline);
                served.AddOrUpdate(reply.Server, 1, (_, n) => n + 1);
                calls++;
            }
            catch (RpcException e)
            {
                failures.Enqueue($"unary call after {edits()} edits: {e.StatusCode} {e.Status.Detail}");
            }
        }

        return calls;
    }

    /// <returns>The number of edits applied while the stream was open.</returns>
    private static async Task<int> StreamAsync(Echo.EchoClient client, string name, int count, ConcurrentQueue<string> failures, Func<int> edits)
    {
        var before = edits();
        var received = 0;
        string? server = null;
        try
        {
            using var call = client.ServerStream(new StreamRequest { Message = name, Count = count, IntervalMs = StreamIntervalMs },
                deadline: DateTime.UtcNow.AddSeconds(count * StreamIntervalMs / 1000.0 + 30));
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                received++;
                server ??= reply.Server;
                if (reply.Sequence != received || reply.Server != server)
                {
                    failures.Enqueue($"stream {name}: message {received} has sequence {reply.Sequence} from {reply.Server} (first from {server})");
                }
            }

            if (call.GetStatus().StatusCode != StatusCode.OK)
            {
                failures.Enqueue($"stream {name}: ended with {call.GetStatus()}");
            }
        }
        catch (RpcException e)
        {
            failures.Enqueue($"stream {name}: failed after {received} of {count} messages and {edits() - before} edits: {e.StatusCode} {e.Status.Detail}");
        }

        if (received != count)
        {
            failures.Enqueue($"stream {name}: received {received} of {count} messages");
        }

        return edits() - before;
    }

    private static Manifests Gateways(Config config, int port, int[] sidePorts) => new Manifests()
        .GatewayClass()
        .Gateway("gw", [GatewayListener.Http("grpc", port)])
        .Gateway("gw2", [GatewayListener.Http("side", sidePorts[config.Side])]);

    private static Manifests Routes(Config config)
    {
        var header = $"""
            type: RequestHeaderModifier
            requestHeaderModifier:
              set:
              - name: x-edit
                value: "{config.Header}"
            """;
        var routes = new Manifests().GrpcRoute("main", ["gw"], ["grpc.example.com"], [
            RouteRule.To(BackendRef.Weighted("one", 9000, config.ToV1 ? 1 : 0), BackendRef.Weighted("two", 9000, config.ToV1 ? 0 : 1))
                .WithMatches(RouteMatch.GrpcMethod("portico.test.Echo"))
                .WithFilters(header) with { Name = "echo" },
            RouteRule.To(new BackendRef("pool", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Other")) with { Name = "pool" },
        ]);
        return config.Extra
            ? routes.GrpcRoute("extra", ["gw"], ["extra.example.com"], [RouteRule.To(new BackendRef("two", 9000))])
            : routes;
    }
}
