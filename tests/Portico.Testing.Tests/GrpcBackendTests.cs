using Google.Protobuf;
using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.Testing.Tests;

public sealed class GrpcBackendTests
{
    [Fact]
    public async Task Unary_reports_server_method_authority_and_metadata()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port, "echo.example.com");
        var client = new Echo.EchoClient(channel);

        var headers = new Metadata { { "x-test", "a" }, { "x-test", "b" }, { "X-Upper", "c" } };
        var reply = await client.UnaryAsync(new EchoRequest { Message = "hi" }, headers);

        Assert.Equal("hi", reply.Message);
        Assert.Equal("v1", reply.Server);
        Assert.Equal("/portico.test.Echo/Unary", reply.Method);
        Assert.Equal($"echo.example.com:{backend.Port}", reply.Authority);
        Assert.Equal("HTTP/2", reply.Protocol);
        // HttpClient folds repeated values into one field ("a, b"); the backend keeps what arrived.
        Assert.Equal("a, b", reply.Metadata["x-test"]);
        Assert.Equal("c", reply.Metadata["x-upper"]);
        Assert.Equal("trailers", reply.Metadata["te"]);
        Assert.StartsWith("application/grpc", reply.Metadata["content-type"], StringComparison.Ordinal);
        Assert.Equal(1, backend.CallsReceived);
        Assert.Equal(1, backend.GrpcCallsReceived);
    }

    [Fact]
    public async Task Authority_override_is_sent_verbatim()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(new ClientTarget(backend.Port) { Authority = "no-port.example" });

        var reply = await GrpcClients.Echo(channel).UnaryAsync(new EchoRequest());

        Assert.Equal("no-port.example", reply.Authority);
        Assert.Equal("no-port.example", backend.Requests.Single().Authority);
    }

    [Fact]
    public async Task Response_headers_and_trailers_are_applied_and_backend_is_named()
    {
        await using var backend = await TestBackend.StartAsync("v2");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        var request = new EchoRequest { ResponsePayloadSize = 10, Payload = Google.Protobuf.ByteString.CopyFrom(new byte[7]) };
        request.ResponseHeaders.Add("x-h", "1");
        request.ResponseTrailers.Add("x-t", "2");

        using var call = GrpcClients.Echo(channel).UnaryAsync(request);
        var reply = await call;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("1", headers.GetValue("x-h"));
        Assert.Equal("v2", headers.GetValue(TestBackend.ServerHeader));
        Assert.Equal("2", call.GetTrailers().GetValue("x-t"));
        Assert.Equal(7, reply.ReceivedPayloadSize);
        Assert.Equal(10, reply.Payload.Length);
    }

    [Fact]
    public async Task Server_stream_sends_count_messages_in_order()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);

        using var call = GrpcClients.Echo(channel).ServerStream(new StreamRequest { Message = "s", Count = 5, IntervalMs = 5 });
        var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal([1, 2, 3, 4, 5], replies.Select(r => r.Sequence));
        Assert.All(replies, r => Assert.Equal("v1", r.Server));
        Assert.All(replies, r => Assert.Equal("/portico.test.Echo/ServerStream", r.Method));
    }

    [Fact]
    public async Task Server_stream_with_headers_first_delivers_headers_during_hold()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);

        using var call = GrpcClients.Echo(channel).ServerStream(new StreamRequest { Count = 1, HoldMs = 2000, HeadersFirst = true });
        var headers = await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Equal("v1", headers.GetValue(TestBackend.ServerHeader));
    }

    [Fact]
    public async Task Server_stream_fails_after_requested_messages()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        using var call = GrpcClients.Echo(channel).ServerStream(new StreamRequest { Count = 5, FailCode = (int)StatusCode.Aborted, FailAfter = 2 });

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var unused in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });

        Assert.Equal(2, received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task Client_stream_counts_messages()
    {
        await using var backend = await TestBackend.StartAsync("v3");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        using var call = GrpcClients.Echo(channel).ClientStream();

        for (var i = 0; i < 4; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}" });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal(4, reply.Count);
        Assert.Equal("m3", reply.Message);
        Assert.Equal("v3", reply.Server);
    }

    [Fact]
    public async Task Bidi_sends_headers_before_any_message_and_echoes_each()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        using var call = GrpcClients.Echo(channel).Bidi();

        var headers = await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("v1", headers.GetValue(TestBackend.ServerHeader));

        var sequence = 0;
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = text });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(text, call.ResponseStream.Current.Message);
            sequence = call.ResponseStream.Current.Sequence;
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(3, sequence);
    }

    [Fact]
    public async Task Fail_code_surfaces_as_rpc_status()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await GrpcClients.Echo(channel).UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = "bad arg" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("bad arg", error.Status.Detail);
    }

    [Fact]
    public async Task Deadline_cancellation_is_counted_by_the_backend()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await GrpcClients.Echo(channel).UnaryAsync(new EchoRequest { SleepMs = 10_000 }, deadline: DateTime.UtcNow.AddMilliseconds(200)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await backend.WaitUntilAsync(b => b.CancellationsObserved == 1);
    }

    [Fact]
    public async Task Client_cancellation_of_a_stream_is_counted()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        using var cts = new CancellationTokenSource();
        using var call = GrpcClients.Echo(channel).Bidi(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "x", SleepMs = 10_000 });
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1);

        await cts.CancelAsync();

        await backend.WaitUntilAsync(b => b.CancellationsObserved == 1 && b.ActiveCalls == 0);
    }

    [Theory]
    [InlineData("/portico.test.Other/Call")]
    [InlineData("/portico.test.Anchor/Echo")]
    [InlineData("/portico.test.Anchor/EchoTwo")]
    public async Task Other_services_report_their_method(string path)
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        var request = new EchoRequest { Message = "m" };

        var reply = path switch
        {
            "/portico.test.Other/Call" => await new Other.OtherClient(channel).CallAsync(request),
            "/portico.test.Anchor/Echo" => await new Anchor.AnchorClient(channel).EchoAsync(request),
            _ => await new Anchor.AnchorClient(channel).EchoTwoAsync(request),
        };

        Assert.Equal(path, reply.Method);
        Assert.Equal(path, backend.Requests.Single().Target);
    }

    [Fact]
    public async Task Forced_status_fails_every_call()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        backend.ForcedGrpcStatus = StatusCode.Unavailable;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await GrpcClients.Echo(channel).UnaryAsync(new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        backend.ForcedGrpcStatus = null;
        Assert.Equal("v1", (await GrpcClients.Echo(channel).UnaryAsync(new EchoRequest())).Server);
    }

    [Fact]
    public async Task Unknown_grpc_method_is_unimplemented_not_the_http_catch_all()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        var method = new Method<EchoRequest, EchoReply>(
            MethodType.Unary,
            "portico.test.Missing",
            "Call",
            Marshallers.Create<EchoRequest>(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom),
            Marshallers.Create<EchoReply>(r => r.ToByteArray(), EchoReply.Parser.ParseFrom));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
