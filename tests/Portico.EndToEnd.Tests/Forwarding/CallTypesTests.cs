using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>Every gRPC call type through the gateway, stream timing properties, cancellation and deadlines (issue item 1).</summary>
public sealed class CallTypesTests(CallTypesFixture fixture) : IClassFixture<CallTypesFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private Echo.EchoClient Client => new(fixture.Channel(CallTypesFixture.Host));

    [Fact]
    public async Task UnaryCallReachesTheBackendWithPathAuthorityAndTeUnchanged()
    {
        var reply = await Client.UnaryAsync(new EchoRequest { Message = "hi", Payload = ByteString.CopyFrom(new byte[1000]), ResponsePayloadSize = 2000 });

        Assert.Equal("calls", reply.Server);
        Assert.Equal("hi", reply.Message);
        Assert.Equal("/portico.test.Echo/Unary", reply.Method);
        Assert.Equal($"{CallTypesFixture.Host}:{fixture.Port}", reply.Authority);
        Assert.Equal("trailers", reply.Metadata["te"]);
        Assert.Equal("HTTP/2", reply.Protocol);
        Assert.Equal(1000, reply.ReceivedPayloadSize);
        Assert.Equal(2000, reply.Payload.Length);
    }

    [Fact]
    public async Task LargeMessagesPassInBothDirections()
    {
        const int size = 4 * 1024 * 1024;
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);

        var reply = await Client.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload), ResponsePayloadSize = size });

        Assert.Equal(size, reply.ReceivedPayloadSize);
        Assert.Equal(size, reply.Payload.Length);
    }

    [Fact]
    public async Task ServerStreamDeliversEveryMessageInOrder()
    {
        using var call = Client.ServerStream(new StreamRequest { Message = "s", Count = 500 });
        var sequences = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal("calls", reply.Server);
            sequences.Add(reply.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 500), sequences);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreamDeliversEveryMessage()
    {
        using var call = Client.ClientStream();
        for (var i = 1; i <= 100; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}", Payload = ByteString.CopyFrom(new byte[100]) });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal(100, reply.Count);
        Assert.Equal(100 * 100, reply.ReceivedPayloadSize);
        Assert.Equal("m100", reply.Message);
        Assert.Equal("/portico.test.Echo/ClientStream", reply.Method);
    }

    [Fact]
    public async Task BidiEchoesEachMessageBeforeTheNextIsSent()
    {
        // Lock-step: a proxy that buffered either direction would deadlock here (caught by the timeout).
        using var call = Client.Bidi();
        for (var i = 1; i <= 50; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));
            Assert.Equal($"m{i}", call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Sequence);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task QuietStreamSurvives()
    {
        // The gateway's upstream ActivityTimeout (an idle timer that only body/header progress resets) is 1 hour
        // (ProxyOptions.IdleStreamTimeout), where YARP's default of 100 s would cut watch-style streams. A 3.5 s
        // silence is what a CI run can afford; it still catches any short idle or request timeout in the path.
        using var call = Client.ServerStream(new StreamRequest { Message = "quiet", Count = 2, IntervalMs = 3500 });
        var replies = new List<EchoReply>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            replies.Add(reply);
        }

        Assert.Equal([1, 2], replies.Select(r => r.Sequence));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreamHeadersArriveWhileTheBackendHoldsItsFirstMessage()
    {
        // The backend sends its headers, then holds the first message for a minute: the headers must get through on
        // their own (YARP alone waits for the first DATA frame, yarp#2520).
        using var cts = new CancellationTokenSource();
        using var call = Client.ServerStream(new StreamRequest { Count = 1, HeadersFirst = true, HoldMs = 60_000 }, cancellationToken: cts.Token);

        var headers = await call.ResponseHeadersAsync.WaitAsync(Generous);

        Assert.Equal("calls", headers.GetValue(TestBackend.ServerHeader));
        var first = call.ResponseStream.MoveNext(CancellationToken.None);
        Assert.False(first.IsCompleted); // the message is still held by the backend
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        await fixture.Backend.WaitUntilAsync(b => b.ActiveCalls == 0, Generous);
    }

    [Fact]
    public async Task BidiHeadersArriveBeforeTheClientSendsAnything()
    {
        using var call = Client.Bidi();

        var headers = await call.ResponseHeadersAsync.WaitAsync(Generous);

        Assert.Equal("calls", headers.GetValue(TestBackend.ServerHeader));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "after headers" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));
        Assert.Equal("after headers", call.ResponseStream.Current.Message);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));
    }

    [Fact]
    public async Task ClientCancellationOfUnaryCallResetsTheUpstreamCall()
    {
        var backend = fixture.Backend;
        await backend.WaitUntilAsync(b => b.ActiveCalls == 0, Generous); // calls of earlier tests have ended
        var before = backend.CancellationsObserved;
        using var cts = new CancellationTokenSource();
        var call = Client.UnaryAsync(new EchoRequest { SleepMs = 60_000 }, cancellationToken: cts.Token);
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1, Generous);

        await cts.CancelAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        await backend.WaitUntilAsync(b => b.CancellationsObserved == before + 1 && b.ActiveCalls == 0, Generous);
    }

    [Fact]
    public async Task ClientCancellationOfStreamResetsTheUpstreamStream()
    {
        var backend = fixture.Backend;
        await backend.WaitUntilAsync(b => b.ActiveCalls == 0, Generous); // calls of earlier tests have ended
        var before = backend.CancellationsObserved;
        using var cts = new CancellationTokenSource();
        using var call = Client.ServerStream(new StreamRequest { Count = 10_000, IntervalMs = 50 }, cancellationToken: cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));

        await cts.CancelAsync();

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        await backend.WaitUntilAsync(b => b.CancellationsObserved == before + 1 && b.ActiveCalls == 0, Generous);
    }

    [Fact]
    public async Task ClientDeadlineEndsTheCallAndTheBackendSeesTheCancel()
    {
        var backend = fixture.Backend;
        await backend.WaitUntilAsync(b => b.ActiveCalls == 0, Generous); // calls of earlier tests have ended
        var before = backend.CancellationsObserved;

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UnaryAsync(new EchoRequest { SleepMs = 30_000 }, deadline: DateTime.UtcNow.AddMilliseconds(500)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        await backend.WaitUntilAsync(b => b.CancellationsObserved == before + 1 && b.ActiveCalls == 0, Generous);
    }

    [Fact]
    public async Task BackendSeesARemainingBudgetNoLargerThanTheClientDeadline()
    {
        var budget = TimeSpan.FromSeconds(30);
        var reply = await Client.UnaryAsync(new EchoRequest(), deadline: DateTime.UtcNow + budget);

        var forwarded = GrpcWire.ParseTimeout(reply.Metadata["grpc-timeout"]);
        Assert.InRange(forwarded, TimeSpan.FromSeconds(20), budget);
    }

    [Fact]
    public async Task GatewayEnforcesGrpcTimeoutWhenTheBackendIgnoresIt()
    {
        // The stalling backend never answers and ignores grpc-timeout, and the raw client enforces no deadline
        // itself, so only the gateway can end this call.
        var stall = fixture.Stall;
        var abortedBefore = stall.Aborted;
        using var http = TestHttpClients.H2c(fixture.Port, CallTypesFixture.StallHost);
        using var request = GrpcWire.Request("/portico.test.Echo/Unary", new EchoRequest { Message = "late" }, grpcTimeout: "800m");
        var marker = Guid.NewGuid().ToString("N");
        request.Headers.Add("x-marker", marker);
        var watch = Stopwatch.StartNew();

        using var response = await http.SendAsync(request).WaitAsync(Generous);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", GrpcWire.Status(response)); // DEADLINE_EXCEEDED
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(700), $"answered after {watch.Elapsed}, before the deadline");
        var seen = Assert.Single(stall.Requests, r => r.GetValueOrDefault("x-marker") == marker);
        Assert.InRange(GrpcWire.ParseTimeout(seen["grpc-timeout"]), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(800));
        await Eventually.SucceedsAsync(() =>
        {
            Assert.Equal(abortedBefore + 1, stall.Aborted);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task GatewayDeadlineAfterResponseHeadersEndsWithDeadlineExceededTrailers()
    {
        using var http = TestHttpClients.H2c(fixture.Port, CallTypesFixture.StallHost);
        using var request = GrpcWire.Request("/portico.test.Echo/ServerStream", new StreamRequest(), grpcTimeout: "800m");
        request.Headers.Add("x-stall-after-headers", "1");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Generous);
        await response.Content.ReadAsByteArrayAsync().WaitAsync(Generous);

        Assert.Equal("4", GrpcWire.Single(response.TrailingHeaders, "grpc-status"));
    }
}
