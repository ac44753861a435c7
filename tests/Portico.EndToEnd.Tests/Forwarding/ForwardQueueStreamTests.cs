using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>A gateway with one slot per endpoint and 30 s waits, whose methods' types nobody has taught it yet.</summary>
public sealed class ForwardQueueUntaughtFixture : ForwardQueueFixtureBase
{
    protected override TimeSpan QueueTimeout => TimeSpan.FromSeconds(30);
}

/// <summary>
/// A call of a method the gateway does not know to stream takes a queue slot; once it carries a second message it
/// gives the slot back (a stream may stay open for hours) and its method is known to stream from then on.
/// </summary>
public sealed class ForwardQueueStreamTests(ForwardQueueUntaughtFixture fixture) : IClassFixture<ForwardQueueUntaughtFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15); // half the queue's 30 s wait

    private Echo.EchoClient Client => new(fixture.Channel(ForwardQueueFixtureBase.Host));

    [Fact]
    public async Task AnOpenStreamGivesItsSlotBackOnItsSecondMessage()
    {
        using var cancel = new CancellationTokenSource();
        using var stream = Client.Bidi(cancellationToken: cancel.Token); // type unknown: takes the one slot
        await stream.RequestStream.WriteAsync(new EchoRequest { Message = "one" });
        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token).WaitAsync(Generous));
        await stream.RequestStream.WriteAsync(new EchoRequest { Message = "two" });
        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token).WaitAsync(Generous));

        // The stream is still open. Holding the slot, it would keep this call waiting the queue's full 30 s.
        var reply = await Client.UnaryAsync(new EchoRequest { Message = "beside the stream" }).ResponseAsync.WaitAsync(Generous);
        Assert.Equal("beside the stream", reply.Message);

        // A second Bidi call takes no slot at all now: with the first still open, a unary call still goes at once.
        using var second = Client.Bidi(cancellationToken: cancel.Token);
        await second.RequestStream.WriteAsync(new EchoRequest { Message = "again" });
        Assert.True(await second.ResponseStream.MoveNext(cancel.Token).WaitAsync(Generous));
        reply = await Client.UnaryAsync(new EchoRequest { Message = "beside two streams" }).ResponseAsync.WaitAsync(Generous);
        Assert.Equal("beside two streams", reply.Message);
        Assert.Equal(0, (await fixture.ScrapeAsync()).Sum(ForwardQueueTests.Depth));

        await cancel.CancelAsync();
    }
}
