using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portico.ControlPlane.Loop;
using Portico.ControlPlane.Status;
using Portico.Files.Reading;
using Portico.Model.GatewayApi;
using Portico.Model.Snapshot;
using Portico.Routing.DataPlane;
using Portico.Routing.Table;
using Portico.Translation;

namespace Portico.ControlPlane.Tests;

public sealed class ControlLoopTests
{
    private const string Gateway = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: portico}
        spec: {controllerName: portico.dev/gateway-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec:
          gatewayClassName: portico
          listeners:
          - {name: http, protocol: HTTP, port: 18080}
          - {name: other, protocol: HTTP, port: 18081}
        """;

    [Fact]
    public async Task FirstUpdateIsAppliedAndStatusPublishedWithTransitionTimes()
    {
        var provider = new ScriptedProvider();
        var plane = new RecordingDataPlane();
        var store = new StatusStore();
        var loop = NewLoop(provider, plane, store);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = loop.RunAsync(cts.Token);

        provider.Push(Update(Gateway));
        await WaitUntil(() => store.Ready, cts.Token);

        Assert.Single(plane.Tables);
        Assert.Equal(2, plane.Tables[0].Listeners.Count);
        var gw = Assert.IsType<GatewayStatus>(store.Current.Status.Items.Single(i => i.Kind == "Gateway").Status);
        Assert.All(gw.Conditions, c => Assert.NotNull(c.LastTransitionTime));
        cts.Cancel();
        await run;
    }

    [Fact]
    public async Task BurstsAreCoalescedAndUnchangedConditionsKeepTheirTime()
    {
        var provider = new ScriptedProvider();
        var plane = new RecordingDataPlane();
        var store = new StatusStore();
        var loop = NewLoop(provider, plane, store);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = loop.RunAsync(cts.Token);
        provider.Push(Update(Gateway));
        await WaitUntil(() => store.Ready, cts.Token);
        var firstTime = store.Current.Status.Items.Single(i => i.Kind == "Gateway").Status is GatewayStatus g ? g.Conditions[0].LastTransitionTime : null;

        for (var i = 0; i < 20; i++)
        {
            provider.Push(Update(Gateway));
        }

        await WaitUntil(() => store.Current.Generation >= 2, cts.Token);
        await Task.Delay(300, cts.Token);
        Assert.InRange(plane.Tables.Count, 2, 4); // 20 pushes within the hold-off become one or two applies.
        var gw = Assert.IsType<GatewayStatus>(store.Current.Status.Items.Single(i => i.Kind == "Gateway").Status);
        Assert.Equal(firstTime, gw.Conditions[0].LastTransitionTime);
        cts.Cancel();
        await run;
    }

    [Fact]
    public async Task ALoneUpdateIsAppliedAtOnceAndTheRestOfABurstWaitsForTheHoldOff()
    {
        // The fake clock moves only when told: nothing can wait out a hold-off unless the test advances it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new ControlLoopOptions { HoldOff = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };
        var provider = new ScriptedProvider();
        var plane = new RecordingDataPlane();
        var store = new StatusStore();
        var loop = new ControlLoop(provider, plane, store, new TranslatorOptions { DefaultAddresses = ["127.0.0.1"] }, options, clock,
            NullLogger<ControlLoop>.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = loop.RunAsync(cts.Token);
        provider.Push(Update(Gateway));
        await WaitUntil(() => Count(plane) == 1, cts.Token);

        // Quiet for longer than MaxDelay: the next update starts a burst and is applied without any hold-off.
        clock.Advance(TimeSpan.FromSeconds(31));
        provider.Push(Update(Gateway));
        await WaitUntil(() => Count(plane) == 2, cts.Token);

        // Right behind it: part of the burst. It is applied only once the clock has moved by the hold-off.
        var pushed = clock.GetUtcNow();
        provider.Push(Update(Gateway));
        while (Count(plane) < 3)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10, cts.Token);
        }

        Assert.InRange(clock.GetUtcNow() - pushed, options.HoldOff, options.MaxDelay);
        cts.Cancel();
        await run;
    }

    [Fact]
    public async Task BindFailureShowsAsPortUnavailableAndNotProgrammed()
    {
        var provider = new ScriptedProvider();
        var plane = new RecordingDataPlane { Fail = new Dictionary<string, string> { ["gateway/default/gw/listener/other"] = "127.0.0.1:18081: address already in use" } };
        var store = new StatusStore();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = NewLoop(provider, plane, store).RunAsync(cts.Token);
        provider.Push(Update(Gateway));
        await WaitUntil(() => store.Ready, cts.Token);

        var gw = Assert.IsType<GatewayStatus>(store.Current.Status.Items.Single(i => i.Kind == "Gateway").Status);
        var other = gw.Listeners.Single(l => l.Name == "other");
        Assert.Contains(other.Conditions, c => c is { Type: "Accepted", Status: "False", Reason: "PortUnavailable" } && c.Message.Contains("address already in use", StringComparison.Ordinal));
        Assert.Contains(other.Conditions, c => c is { Type: "Programmed", Status: "False" });
        Assert.Contains(gw.Listeners.Single(l => l.Name == "http").Conditions, c => c is { Type: "Programmed", Status: "True" });
        Assert.Contains(gw.Conditions, c => c is { Type: "Accepted", Status: "True", Reason: "ListenersNotValid" });
        Assert.Contains(gw.Conditions, c => c is { Type: "Programmed", Status: "True" });
        cts.Cancel();
        await run;
    }

    private static int Count(RecordingDataPlane plane)
    {
        lock (plane.Tables)
        {
            return plane.Tables.Count;
        }
    }

    [Fact]
    public async Task AReloadWithManifestWarningsCountsAsSuccessAndOneWithErrorsAsPartial()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new Portico.ControlPlane.Metrics.ControlPlaneMetrics(Prometheus.Metrics.WithCustomRegistry(registry));
        var provider = new ScriptedProvider();
        var store = new StatusStore();
        var loop = new ControlLoop(provider, new RecordingDataPlane(), store, new TranslatorOptions { DefaultAddresses = ["127.0.0.1"] },
            new ControlLoopOptions { HoldOff = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System, NullLogger<ControlLoop>.Instance, metrics);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = loop.RunAsync(cts.Token);

        // A kind Portico does not read is a warning: the configuration is whole.
        var withWarning = new ManifestReader().ReadText(Gateway + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: default}\n", "test.yaml");
        Assert.NotEmpty(withWarning.Diagnostics);
        provider.Push(withWarning.ToProviderUpdate());
        await WaitUntil(() => Reloads(registry, "success") == 1, cts.Token);
        Assert.Equal(0, Reloads(registry, "partial"));

        // A file that fails to read keeps objects out: partial.
        var withError = new ManifestReader().ReadText(Gateway + "\n---\nkind: [\n", "test.yaml");
        Assert.True(withError.HasErrors);
        provider.Push(withError.ToProviderUpdate());
        await WaitUntil(() => Reloads(registry, "partial") == 1, cts.Token);

        // Both updates were applied: each is one observation of the update latency.
        await WaitUntil(() => Sample(registry, "portico_config_update_seconds_count") == 2, cts.Token);
        Assert.True(Sample(registry, "portico_config_update_seconds_sum") > 0);

        cts.Cancel();
        await run;
    }

    private static double Reloads(Prometheus.CollectorRegistry registry, string result) =>
        Sample(registry, $"portico_config_reloads_total{{result=\"{result}\"}}");

    /// <summary>The value of the one sample whose name (and labels) are exactly <paramref name="series"/>.</summary>
    private static double Sample(Prometheus.CollectorRegistry registry, string series)
    {
        using var text = new MemoryStream();
        registry.CollectAndExportAsTextAsync(text).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ControlLoop NewLoop(IResourceProvider provider, IDataPlane plane, StatusStore store) =>
        new(provider, plane, store, new TranslatorOptions { DefaultAddresses = ["127.0.0.1"] },
            new ControlLoopOptions { HoldOff = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System, NullLogger<ControlLoop>.Instance);

    private static ProviderUpdate Update(string yaml)
    {
        var read = new ManifestReader().ReadText(yaml, "test.yaml");
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        return read.ToProviderUpdate();
    }

    private static async Task WaitUntil(Func<bool> condition, CancellationToken token)
    {
        while (!condition())
        {
            await Task.Delay(10, token);
        }
    }

    private sealed class ScriptedProvider : IResourceProvider
    {
        private readonly Channel<ProviderUpdate> _updates = Channel.CreateUnbounded<ProviderUpdate>();

        public void Push(ProviderUpdate update) => _updates.Writer.TryWrite(update);

        public async IAsyncEnumerable<ProviderUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            while (await _updates.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_updates.Reader.TryRead(out var u))
                {
                    yield return u;
                }
            }
        }
    }

    private sealed class RecordingDataPlane : IDataPlane
    {
        public List<RouteTable> Tables { get; } = [];

        public IReadOnlyDictionary<string, string> Fail { get; init; } = new Dictionary<string, string>();

        public Task<DataPlaneApplyResult> ApplyAsync(RouteTable table, CancellationToken cancellationToken)
        {
            lock (Tables)
            {
                Tables.Add(table);
            }

            return Task.FromResult(new DataPlaneApplyResult { FailedListeners = Fail });
        }
    }
}
