using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.EndToEnd.Tests.Telemetry;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>
/// The forwarding queue (<c>--upstream-max-calls</c>) with real gRPC calls: one short call at a time reaches the
/// backend, the rest wait in arrival order; a deadline or a client cancel ends a wait; streams of a method known to
/// stream are not counted. A held call fills the slot until the test cancels it.
/// </summary>
public sealed class ForwardQueueTests(ForwardQueueFixture fixture) : IClassFixture<ForwardQueueFixture>
{
    internal const string Depth = "portico_upstream_queue_depth";
    internal const string Queued = "portico_upstream_queued_total";
    internal const string Marker = "x-queue-test";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private Echo.EchoClient Client => new(fixture.Channel(ForwardQueueFixtureBase.Host));

    [Fact]
    public async Task QueuedCallsWaitForTheSlotAndReachTheBackendInArrivalOrder()
    {
        var marker = Guid.NewGuid().ToString("N");
        var before = await fixture.ScrapeAsync();
        await using var holder = await HeldCall.StartAsync(Client, fixture.Backend);

        var calls = new List<Task<EchoReply>>();
        for (var i = 1; i <= 4; i++)
        {
            calls.Add(Client.UnaryAsync(new EchoRequest { Message = $"q{i}" }, Headers(marker, i)).ResponseAsync);
            await DepthReachesAsync(fixture, i); // queued in this order
        }

        Assert.Empty(Seen(fixture.Backend, marker)); // none passed the held slot
        Assert.All(calls, c => Assert.False(c.IsCompleted));

        holder.Release();
        var replies = await Task.WhenAll(calls).WaitAsync(Generous);

        Assert.Equal(["q1", "q2", "q3", "q4"], replies.Select(r => r.Message));
        Assert.Equal(["1", "2", "3", "4"], Seen(fixture.Backend, marker)); // FIFO: one at a time, in arrival order
        var after = await DepthReachesAsync(fixture, 0);
        Assert.Equal(4, Scrape.DeltaSum(before, after, Queued, ("result", "admitted")));
    }

    [Fact]
    public async Task ADeadlineThatExpiresInTheQueueEndsTheCallWithDeadlineExceededBeforeTheBackend()
    {
        var marker = Guid.NewGuid().ToString("N");
        var before = await fixture.ScrapeAsync();
        await using var holder = await HeldCall.StartAsync(Client, fixture.Backend);

        // A raw client with no timer of its own: only the gateway can end this call.
        using var http = TestHttpClients.H2c(fixture.Port, ForwardQueueFixtureBase.Host);
        using var request = GrpcWire.Request("/portico.test.Echo/Unary", new EchoRequest { Message = "late" }, grpcTimeout: "300m");
        request.Headers.Add(Marker, marker);
        using var response = await http.SendAsync(request).WaitAsync(Generous);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", GrpcWire.Single(response.Headers, "grpc-status")); // trailers-only DEADLINE_EXCEEDED
        Assert.Empty(body);
        var after = await DepthReachesAsync(fixture, 0);
        Assert.Equal(1, Scrape.DeltaSum(before, after, Queued, ("result", "deadline")));

        holder.Release();
        Assert.Equal("ok", (await Client.UnaryAsync(new EchoRequest { Message = "ok" }).ResponseAsync.WaitAsync(Generous)).Message);
        Assert.Empty(Seen(fixture.Backend, marker));
    }

    [Fact]
    public async Task AClientThatCancelsWhileQueuedLeavesTheQueue()
    {
        var marker = Guid.NewGuid().ToString("N");
        var before = await fixture.ScrapeAsync();
        await using var holder = await HeldCall.StartAsync(Client, fixture.Backend);

        using var cancel = new CancellationTokenSource();
        var queued = Client.UnaryAsync(new EchoRequest { Message = "gone" }, Headers(marker, 1), cancellationToken: cancel.Token).ResponseAsync;
        await DepthReachesAsync(fixture, 1);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => queued.WaitAsync(Generous));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var after = await Eventually.ReturnsAsync(fixture.ScrapeAsync,
            s => s.Sum(Depth) == 0 && Scrape.DeltaSum(before, s, Queued, ("result", "canceled")) == 1, Generous);
        Assert.Equal(0, Scrape.DeltaSum(before, after, Queued, ("result", "admitted")));

        holder.Release();
        Assert.Equal("next", (await Client.UnaryAsync(new EchoRequest { Message = "next" }).ResponseAsync.WaitAsync(Generous)).Message);
        Assert.Empty(Seen(fixture.Backend, marker)); // the cancelled call never reached the backend
    }

    [Fact]
    public async Task StreamsOfAMethodKnownToStreamHoldNoSlot()
    {
        // One complete call teaches the gateway that ServerStream streams (two messages).
        using (var learn = Client.ServerStream(new StreamRequest { Message = "learn", Count = 2 }))
        {
            Assert.Equal(2, await learn.ResponseStream.ReadAllAsync().CountAsync().AsTask().WaitAsync(Generous));
        }

        using var cancel = new CancellationTokenSource();
        var streams = new List<AsyncServerStreamingCall<EchoReply>>();
        try
        {
            var active = fixture.Backend.ActiveCalls;
            for (var i = 0; i < 3; i++)
            {
                var stream = Client.ServerStream(new StreamRequest { Count = 1, HeadersFirst = true, HoldMs = 60_000 }, cancellationToken: cancel.Token);
                streams.Add(stream);
                await stream.ResponseHeadersAsync.WaitAsync(Generous);
            }

            await fixture.Backend.WaitUntilAsync(b => b.ActiveCalls >= active + 3, Generous);

            // With one slot per endpoint, a unary call still goes at once: the open streams are not counted.
            var reply = await Client.UnaryAsync(new EchoRequest { Message = "beside streams" }).ResponseAsync.WaitAsync(Generous);

            Assert.Equal("beside streams", reply.Message);
            Assert.True(fixture.Backend.ActiveCalls >= active + 3, "the streams are still open");
            Assert.Equal(0, (await fixture.ScrapeAsync()).Sum(Depth));
        }
        finally
        {
            await cancel.CancelAsync();
            foreach (var s in streams)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task AFailedCallThatCarriedSeveralMessagesTeachesThatItsMethodStreams()
    {
        // A Bidi call that ends UNAVAILABLE after two requests: no OK call, yet proof enough that Bidi streams (as a
        // watch stream that only ever ends cancelled or cut off would show).
        using (var failed = Client.Bidi())
        {
            await failed.RequestStream.WriteAsync(new EchoRequest { Message = "one" });
            Assert.True(await failed.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));
            await failed.RequestStream.WriteAsync(new EchoRequest { Message = "two", FailCode = (int)StatusCode.Unavailable });
            await failed.RequestStream.CompleteAsync();
            var ended = await Assert.ThrowsAsync<RpcException>(() => failed.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));
            Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        }

        using var cancel = new CancellationTokenSource();
        var streams = new List<AsyncDuplexStreamingCall<EchoRequest, EchoReply>>();
        try
        {
            // Three open Bidi streams with one slot per endpoint (and 30 s waits): counted, the second would wait.
            for (var i = 0; i < 3; i++)
            {
                var stream = Client.Bidi(cancellationToken: cancel.Token);
                streams.Add(stream);
                await stream.RequestStream.WriteAsync(new EchoRequest { Message = $"open {i}" });
                Assert.True(await stream.ResponseStream.MoveNext(cancel.Token).WaitAsync(Generous));
            }

            var reply = await Client.UnaryAsync(new EchoRequest { Message = "beside streams" }).ResponseAsync.WaitAsync(Generous);
            Assert.Equal("beside streams", reply.Message);
            Assert.Equal(0, (await fixture.ScrapeAsync()).Sum(Depth));
        }
        finally
        {
            await cancel.CancelAsync();
            foreach (var s in streams)
            {
                s.Dispose();
            }
        }
    }

    internal static Metadata Headers(string marker, int sequence) => new() { { Marker, marker }, { "x-seq", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    /// <summary>The <c>x-seq</c> of the calls carrying <paramref name="marker"/>, in the order the backend received them.</summary>
    internal static List<string> Seen(TestBackend backend, string marker) =>
        [.. backend.Requests.Where(r => r.Headers.GetValueOrDefault(Marker) == marker).Select(r => r.Headers.GetValueOrDefault("x-seq") ?? string.Empty)];

    internal static Task<Scrape> DepthReachesAsync(TelemetryFixture fixture, int depth) =>
        Eventually.ReturnsAsync(fixture.ScrapeAsync, s => s.Sum(Depth) == depth, Generous);
}

/// <summary>A unary call that holds the queue's only slot (the backend sleeps) until <see cref="Release"/> cancels it.</summary>
internal sealed class HeldCall : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private Task? _call;

    public static async Task<HeldCall> StartAsync(Echo.EchoClient client, TestBackend backend)
    {
        var active = backend.ActiveCalls;
        var held = new HeldCall();
        held._call = client.UnaryAsync(new EchoRequest { Message = "hold", SleepMs = 60_000 }, cancellationToken: held._cancel.Token).ResponseAsync;
        await backend.WaitUntilAsync(b => b.ActiveCalls > active, TimeSpan.FromSeconds(15));
        return held;
    }

    public void Release() => _cancel.Cancel();

    public async ValueTask DisposeAsync()
    {
        _cancel.Cancel();
        try
        {
            await _call!.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            // released: the expected end of a held call
        }

        _cancel.Dispose();
    }
}
