using Portico.EndToEnd.Tests.Telemetry;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>
/// The queue's bounded wait (<c>--upstream-queue-timeout</c>, 300 ms here): a call that looked short but stays open
/// holds its slot, and calls behind it go anyway once they have waited that long, so the queue never stalls.
/// </summary>
public sealed class ForwardQueueOverflowTests(ForwardQueueOverflowFixture fixture) : IClassFixture<ForwardQueueOverflowFixture>
{
    [Fact]
    public async Task ACallBehindAHeldSlotGoesAnywayAfterTheLongestWait()
    {
        var client = new Echo.EchoClient(fixture.Channel(ForwardQueueFixtureBase.Host));
        var before = await fixture.ScrapeAsync();
        await using var holder = await HeldCall.StartAsync(client, fixture.Backend);
        var active = fixture.Backend.ActiveCalls;

        var reply = await client.UnaryAsync(new EchoRequest { Message = "overflow" }).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("overflow", reply.Message);
        Assert.Equal(active, fixture.Backend.ActiveCalls); // the held call still has the slot
        var after = await ForwardQueueTests.DepthReachesAsync(fixture, 0);
        Assert.Equal(1, Scrape.DeltaSum(before, after, ForwardQueueTests.Queued, ("result", "overflow")));
    }
}
