using System.Diagnostics;
using System.Net;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

public sealed class DrainTests
{
    [Fact]
    public async Task A_removed_socket_refuses_new_connections_and_finishes_in_flight_requests()
    {
        await using var harness = new ListenerHarness(new ListenerManagerOptions { DrainTimeout = TimeSpan.FromSeconds(10) });
        var (removed, kept) = (TestPorts.Free(), TestPorts.Free());
        await harness.BindAsync(ListenerHarness.Cleartext(removed), ListenerHarness.Cleartext(kept));
        using var client = TestClients.Cleartext(HttpVersion.Version20);
        var slow = client.GetStringAsync(new Uri($"http://127.0.0.1:{removed}/slow/1500"));
        Assert.True(await harness.Application.SlowStarted.WaitAsync(TimeSpan.FromSeconds(5)));
        var reconcile = Stopwatch.StartNew();

        await harness.BindAsync(ListenerHarness.Cleartext(kept));

        Assert.True(reconcile.Elapsed < TimeSpan.FromSeconds(1), $"reconcile waited {reconcile.Elapsed} for the drain");
        Assert.True(await TestPorts.IsRefusedAsync(removed));
        Assert.Null(await harness.Manager.GetServerAsync($"127.0.0.1:{removed}"));
        Assert.Equal("done", await slow);
        using var other = TestClients.Cleartext(HttpVersion.Version11);
        Assert.StartsWith("HTTP/1.1|", await other.GetStringAsync(new Uri($"http://127.0.0.1:{kept}/echo")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_still_running_after_the_drain_timeout_are_aborted()
    {
        await using var harness = new ListenerHarness(new ListenerManagerOptions { DrainTimeout = TimeSpan.FromMilliseconds(500) });
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        using var client = TestClients.Cleartext(HttpVersion.Version20);
        var tooSlow = client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/slow/20000"));
        Assert.True(await harness.Application.SlowStarted.WaitAsync(TimeSpan.FromSeconds(5)));
        var elapsed = Stopwatch.StartNew();

        await harness.BindAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => tooSlow);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5), $"aborted after {elapsed.Elapsed}");
    }

    [Fact]
    public async Task Dispose_waits_for_every_drain()
    {
        var harness = new ListenerHarness(new ListenerManagerOptions { DrainTimeout = TimeSpan.FromSeconds(10) });
        var (removedEarlier, running) = (TestPorts.Free(), TestPorts.Free());
        await harness.BindAsync(ListenerHarness.Cleartext(removedEarlier), ListenerHarness.Cleartext(running));
        using var client = TestClients.Cleartext(HttpVersion.Version11);
        var first = client.GetStringAsync(new Uri($"http://127.0.0.1:{removedEarlier}/slow/1500"));
        var second = client.GetStringAsync(new Uri($"http://127.0.0.1:{running}/slow/1500"));
        Assert.True(await harness.Application.SlowStarted.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await harness.Application.SlowStarted.WaitAsync(TimeSpan.FromSeconds(5)));
        await harness.BindAsync(ListenerHarness.Cleartext(running));
        var elapsed = Stopwatch.StartNew();

        await harness.DisposeAsync();

        Assert.True(elapsed.Elapsed > TimeSpan.FromMilliseconds(700), $"dispose returned after {elapsed.Elapsed}");
        Assert.True(await TestPorts.IsRefusedAsync(removedEarlier));
        Assert.True(await TestPorts.IsRefusedAsync(running));
        Assert.Equal("done", await first);
        Assert.Equal("done", await second);
    }
}
