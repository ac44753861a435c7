using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.EndToEnd.Tests.Telemetry;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>
/// Wire properties of one gRPC forwarding path (<c>--grpc-forwarder direct|yarp|h2</c>) that the rest of the suite
/// (which runs on the default path) does not pin down: messages spanning many HTTP/2 frames, a request body that
/// arrives in pieces, trailers-only replies, a backend that resets mid-stream, a client that cancels mid-upload, and
/// message counting.
/// </summary>
public abstract class ForwardingPathTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ForwardingPathFixture
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private Echo.EchoClient Client => new(fixture.Channel(ForwardingPathFixture.Host));

    [Fact]
    public async Task MessagesSpanningManyFramesPassBothWaysAndAreCountedOnce()
    {
        const int size = 300 * 1024; // ~19 DATA frames of 16 KiB each way
        const int count = 6;
        var before = await fixture.ScrapeAsync();
        using var call = Client.Bidi();
        var payload = ByteString.CopyFrom(new byte[size]);
        for (var i = 1; i <= count; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}", Payload = payload, ResponsePayloadSize = size });
            Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Generous));
            Assert.Equal($"m{i}", call.ResponseStream.Current.Message);
            Assert.Equal(size, call.ResponseStream.Current.ReceivedPayloadSize);
            Assert.Equal(size, call.ResponseStream.Current.Payload.Length);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext().WaitAsync(Generous));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);

        var bidi = new[] { ("grpc_service", "portico.test.Echo"), ("grpc_method", "Bidi") };
        var after = await Eventually.ReturnsAsync(fixture.ScrapeAsync,
            s => Scrape.DeltaSum(before, s, "grpc_server_handled_total", bidi) >= 1, Generous);
        Assert.Equal(count, Scrape.DeltaSum(before, after, "grpc_server_msg_received_total", bidi));
        Assert.Equal(count, Scrape.DeltaSum(before, after, "grpc_server_msg_sent_total", bidi));
    }

    [Fact]
    public async Task RequestBodyArrivingInPiecesReachesTheBackendWhole()
    {
        var message = new EchoRequest { Message = "pieces", Payload = ByteString.CopyFrom(new byte[40_000]) }.ToByteArray();
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame.AsSpan(5));
        using var http = TestHttpClients.H2c(fixture.Port, ForwardingPathFixture.Host);
        // Split inside the 5-byte prefix, then inside the payload, with pauses the proxy must wait through.
        var content = new PiecesContent(frame, [3, 2, 10_000, 20_000]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/portico.test.Echo/Unary")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.ParseAdd("trailers");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Generous);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(Generous);

        Assert.Equal("0", GrpcWire.Status(response));
        Assert.Equal(body.Length - 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)));
        var reply = EchoReply.Parser.ParseFrom(body.AsSpan(5));
        Assert.Equal("pieces", reply.Message);
        Assert.Equal(40_000, reply.ReceivedPayloadSize);
    }

    [Fact]
    public async Task TrailersOnlyReplyStaysTrailersOnly()
    {
        using var http = TestHttpClients.H2c(fixture.Port, ForwardingPathFixture.Host);
        using var request = GrpcWire.Request("/portico.test.Echo/Unary", new EchoRequest { FailCode = 5, FailMessage = "no such thing" });

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Generous);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(Generous);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", GrpcWire.Single(response.Headers, "grpc-status"));
        Assert.Equal("no such thing", Uri.UnescapeDataString(GrpcWire.Single(response.Headers, "grpc-message")!));
        Assert.Empty(body);
        Assert.Null(GrpcWire.Single(response.TrailingHeaders, "grpc-status"));
    }

    [Fact]
    public async Task TrailersAfterMessagesAreForwardedAsTrailers()
    {
        using var http = TestHttpClients.H2c(fixture.Port, ForwardingPathFixture.Host);
        var echo = new EchoRequest { Message = "t" };
        echo.ResponseTrailers.Add("x-trailer", "kept");
        using var request = GrpcWire.Request("/portico.test.Echo/Unary", echo);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Generous);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(Generous);

        Assert.NotEmpty(body);
        Assert.Null(GrpcWire.Single(response.Headers, "grpc-status"));
        Assert.Equal("0", GrpcWire.Single(response.TrailingHeaders, "grpc-status"));
        Assert.Equal("kept", GrpcWire.Single(response.TrailingHeaders, "x-trailer"));
    }

    [Fact]
    public async Task BackendResetMidStreamFailsTheClientAfterTheMessagesSoFar()
    {
        var client = new Echo.EchoClient(fixture.Channel(ForwardingPathFixture.ResetHost));
        using var call = client.ServerStream(new StreamRequest { Count = 5 });

        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Generous)); // the one message sent before the reset
        fixture.ReleaseReset();
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WaitAsync(Generous));
        Assert.Equal(fixture.MidStreamResetStatus, e.StatusCode);
    }

    /// <summary>
    /// A client that cancels a client-streaming call mid-upload (RST_STREAM CANCEL while the request body is being
    /// forwarded): the gateway must pass the cancel on to the backend and count the call as the client's cancel, not
    /// as a backend failure answered UNAVAILABLE. (Which <c>ForwarderError</c> the h2 forwarder reports when the body
    /// read fails is pinned by <c>H2GrpcForwarderFaultTests</c> in Portico.Proxy.Tests: here the client's abort token
    /// usually fires first, and both make the same outcome.)
    /// </summary>
    [Fact]
    public async Task ClientCancellingMidUploadIsTheClientsFaultAndCancelsTheBackendCall()
    {
        var backend = fixture.Backend;
        await backend.WaitUntilAsync(b => b.ActiveCalls == 0, Generous); // nothing left over from another test
        var cancellationsBefore = backend.CancellationsObserved;
        var before = await fixture.ScrapeAsync();
        using var cancel = new CancellationTokenSource();
        using var call = Client.ClientStream(cancellationToken: cancel.Token);
        // The backend sleeps on the first message (on its call's token, so it counts the cancel however it comes)
        // with the second one waiting behind it; the client never ends its upload.
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "one", SleepMs = 120_000 });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "two", Payload = ByteString.CopyFrom(new byte[20_000]) });
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1, Generous);

        cancel.Cancel(); // the client resets its stream mid-upload (RST_STREAM CANCEL)

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(Generous));
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        // The reset reached the backend: its call ended, cancelled (it was not ended with the upload completed).
        await backend.WaitUntilAsync(b => b.ActiveCalls == 0 && b.CancellationsObserved > cancellationsBefore, Generous);

        // The gateway counts the call as the client's cancellation, not as a failed backend (Unavailable).
        var clientStream = new[] { ("grpc_service", "portico.test.Echo"), ("grpc_method", "ClientStream") };
        var route = ("route", "grpcroute/default/path/rule/0");
        var after = await Eventually.ReturnsAsync(fixture.ScrapeAsync, // the per-backend count is the call's last
            s => Scrape.DeltaSum(before, s, "grpc_server_handled_total", clientStream) >= 1
                && Scrape.DeltaSum(before, s, "portico_backend_requests_total", route, ("code", "Canceled"))
                    + Scrape.DeltaSum(before, s, "portico_backend_requests_total", route, ("code", "Unavailable")) >= 1, Generous);
        Assert.Equal(1, Scrape.DeltaSum(before, after, "grpc_server_handled_total", [.. clientStream, ("grpc_code", "Canceled")]));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "grpc_server_handled_total", clientStream));
        Assert.Equal(0, Scrape.DeltaSum(before, after, "portico_backend_errors_total", route, ("code", "Unavailable")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_backend_errors_total", route, ("code", "Canceled")));
    }

    /// <summary>Writes a body in the given piece sizes (the rest last), flushing and pausing after each piece.</summary>
    private sealed class PiecesContent(byte[] body, int[] pieces) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var offset = 0;
            foreach (var piece in pieces)
            {
                await stream.WriteAsync(body.AsMemory(offset, piece));
                await stream.FlushAsync();
                offset += piece;
                await Task.Delay(50);
            }

            await stream.WriteAsync(body.AsMemory(offset));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

public sealed class DirectForwardingPathTests(DirectPathFixture fixture) : ForwardingPathTests<DirectPathFixture>(fixture);

public sealed class YarpForwardingPathTests(YarpPathFixture fixture) : ForwardingPathTests<YarpPathFixture>(fixture);

public sealed class H2ForwardingPathTests(H2PathFixture fixture) : ForwardingPathTests<H2PathFixture>(fixture);
