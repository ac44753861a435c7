using System.Collections.Concurrent;
using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.LoadBalancing;

/// <summary>Per-call weighted backendRefs, invalid shares and cross-namespace references (issue item 5).</summary>
[Collection(BalancingCollection.Name)]
public sealed class WeightTests(BalancingFixture fixture)
{
    [Fact]
    public async Task WeightsSeventyThirtyZeroAreHonouredPerCall()
    {
        var counts = await CallManyAsync("weights.example.com", 1000, workers: 8);

        // The picker is exact per cycle of 100 calls and nothing else uses this rule, so 1,000 calls split exactly;
        // the ±3 points the conformance test allows would hide a picker that drifts.
        Assert.Equal(700, counts.GetValueOrDefault("w70"));
        Assert.Equal(300, counts.GetValueOrDefault("w30"));
        Assert.False(counts.ContainsKey("w0"));
        Assert.Equal(0, fixture.Weighted[2].CallsReceived);
        Assert.Equal(1000, counts.Values.Sum());
    }

    [Fact]
    public async Task MissingBackendKeepsItsShareAsUnavailable()
    {
        var counts = await CallManyAsync("split.example.com", 100, workers: 4);

        Assert.Equal(50, counts.GetValueOrDefault("valid"));
        Assert.Equal(50, counts.GetValueOrDefault("Unavailable"));
    }

    [Fact]
    public async Task MissingBackendShareNamesTheReason()
    {
        var client = new Echo.EchoClient(fixture.Channel("split.example.com"));
        RpcException? failure = null;
        for (var i = 0; i < 4 && failure is null; i++)
        {
            try
            {
                await client.UnaryAsync(new EchoRequest());
            }
            catch (RpcException e)
            {
                failure = e;
            }
        }

        Assert.NotNull(failure);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("BackendNotFound", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrossNamespaceBackendWithoutReferenceGrantIsUnavailable()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            new Echo.EchoClient(fixture.Channel("denied.example.com")).UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("RefNotPermitted", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Denied.CallsReceived);
    }

    [Fact]
    public async Task CrossNamespaceBackendWithReferenceGrantIsServed()
    {
        var reply = await new Echo.EchoClient(fixture.Channel("granted.example.com")).UnaryAsync(new EchoRequest());

        Assert.Equal("granted", reply.Server);
    }

    /// <summary>Backend name → replies, or status code name → failures.</summary>
    private async Task<Dictionary<string, int>> CallManyAsync(string host, int calls, int workers)
    {
        var client = new Echo.EchoClient(fixture.Channel(host));
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var remaining = calls;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                string key;
                try
                {
                    key = (await client.UnaryAsync(new EchoRequest())).Server;
                }
                catch (RpcException e)
                {
                    key = e.StatusCode.ToString();
                }

                counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            }
        }));
        return new Dictionary<string, int>(counts, StringComparer.Ordinal);
    }
}
