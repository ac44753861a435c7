using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portico.Proxy.Backends;
using Portico.Proxy.Compilation;
using Portico.Proxy.Forwarding;
using Portico.Proxy.Telemetry;
using Portico.Proxy.Tests.Upstream.Http2;
using Portico.Proxy.Upstream.Http2;
using Portico.Routing.Actions;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Tests.Forwarding;

/// <summary>
/// Who is to blame when the h2 forwarder (<see cref="H2GrpcForwarder"/>) fails because reading the client's request
/// body did: <see cref="ForwarderError.RequestBodyClient"/>, the client's fault, whether the backend had answered
/// yet or not, never <see cref="ForwarderError.Request"/> or <see cref="ForwarderError.ResponseBodyDestination"/>
/// (the backend's); and the backend's stream is reset (CANCEL). The client's abort token is left uncancelled, as it
/// is when the body read fails before the server has signalled the abort (that signal goes through the thread
/// pool), so the attribution cannot come from the token. The backend is a scripted h2c peer (<see cref="RawH2Server"/>).
/// Then what the handler makes of a client fault while that signal is still on its way: the client's cancel, no
/// UNAVAILABLE reply (which a backend fault gets).
/// </summary>
public sealed class H2GrpcForwarderFaultTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3;
    private const byte EndHeaders = 0x4;

    [Theory]
    [InlineData(false)] // before the backend answered
    [InlineData(true)] // while the forwarder copies the response body
    public async Task RequestBodyFailingIsTheClientsFault(bool responseStarted)
    {
        await using var server = new RawH2Server();
        await using var call = Call.Start(server);
        await server.AcceptAsync().WaitAsync(Generous);
        await call.SendMessageAsync();
        var id = (await server.ReadUntilAsync(Data).WaitAsync(Generous))[^1].StreamId; // the backend has the first message
        if (responseStarted)
        {
            await server.SendAsync(Headers, EndHeaders, id, [0x88]); // :status 200
            await server.SendAsync(Data, 0, id, new byte[5]);        // one empty gRPC message
            await call.ResponseWritten.WaitAsync(Generous);
        }

        call.FailRequestBody(); // the client reset its stream mid-upload

        var (error, exception) = await call.Forwarding.WaitAsync(Generous);
        Assert.Equal(ForwarderError.RequestBodyClient, error);
        Assert.Contains("client's request body", exception!.Message, StringComparison.Ordinal);
        Assert.Equal(Http2ErrorCode.Cancel, await ResetOfAsync(server, id));
    }

    [Theory]
    [InlineData(ForwarderError.RequestBodyClient)]
    [InlineData(ForwarderError.ResponseBodyClient)]
    public async Task ClientFaultIsCountedAsTheClientsCancelEvenBeforeTheServerSignalsTheAbort(ForwarderError error)
    {
        var context = new DefaultHttpContext(); // RequestAborted not (yet) cancelled
        var call = new CallTelemetry { Grpc = true };

        await ProxyHandler.ReportError(context, error, grpc: true, deadlineExpired: false, "b", call, new IOException("The client reset the request stream."));

        Assert.Equal(GrpcStatusCodes.Cancelled, call.ReplyStatus);
        Assert.False(context.Response.Headers.ContainsKey("grpc-status")); // no reply for a client that is gone
    }

    [Fact]
    public async Task BackendFaultIsAnsweredUnavailable()
    {
        var context = new DefaultHttpContext();
        var call = new CallTelemetry { Grpc = true };

        await ProxyHandler.ReportError(context, ForwarderError.Request, grpc: true, deadlineExpired: false, "b", call, new IOException("reset"));

        Assert.Equal(GrpcStatusCodes.Unavailable, call.ReplyStatus);
        Assert.Equal("14", context.Response.Headers["grpc-status"]);
    }

    private static async Task<Http2ErrorCode> ResetOfAsync(RawH2Server server, int id)
    {
        while (true)
        {
            var frame = await server.ReadAsync().WaitAsync(Generous);
            if (frame.Type == RstStream && frame.StreamId == id)
            {
                return (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(frame.Payload);
            }
        }
    }

    /// <summary>
    /// One client-streaming call through the h2 forwarder: the request body is a pipe the test writes (and fails),
    /// the response body a stream that reports its first write.
    /// </summary>
    private sealed class Call : IAsyncDisposable
    {
        private readonly Pipe _body = new();
        private readonly EndpointState _endpoint;
        private readonly CallCancellation _cancellation;
        private readonly SignallingStream _response = new();

        private Call(RawH2Server server)
        {
            _endpoint = new EndpointState("127.0.0.1", server.EndPoint.Port);
            var context = new DefaultHttpContext();
            var request = context.Request;
            request.Protocol = "HTTP/2";
            request.Method = "POST";
            request.Scheme = "http";
            request.Host = new HostString("test.local");
            request.Path = "/portico.test.Echo/ClientStream";
            request.ContentType = "application/grpc";
            request.Headers.TE = "trailers";
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(_response));
            var telemetry = new CallTelemetry
            {
                Grpc = true,
                RequestBody = new RequestBodyCounter(_body.Reader.AsStream(), grpc: true) { Reader = _body.Reader },
                ResponseBody = new ResponseBodyCounter(context.Features.Get<IHttpResponseBodyFeature>()!, grpc: true),
            };
            _cancellation = new CallCancellation(context.RequestAborted, CancellationToken.None, TimeSpan.FromHours(1));
            var forwarder = new H2GrpcForwarder(new Http2ClientOptions());
            Forwarding = forwarder.ForwardAsync(context, new CompiledAction { Source = new RouteAction() }, new CompiledDestination(), _endpoint,
                deadlineAt: null, telemetry, capture: null, _cancellation).AsTask();
        }

        public Task<(ForwarderError Error, Exception? Exception)> Forwarding { get; }

        public Task ResponseWritten => _response.Written;

        public static Call Start(RawH2Server server) => new(server);

        /// <summary>One gRPC message of 3 bytes into the request body.</summary>
        public async Task SendMessageAsync() => await _body.Writer.WriteAsync(new byte[] { 0, 0, 0, 0, 3, 1, 2, 3 });

        /// <summary>What the server's request body does when the client resets its stream: the read throws an IOException.</summary>
        public void FailRequestBody() => _body.Writer.Complete(new IOException("The client reset the request stream."));

        public async ValueTask DisposeAsync()
        {
            FailRequestBody();
            await Forwarding.WaitAsync(Generous);
            _cancellation.Dispose();
            _endpoint.DisposeConnections();
        }
    }

    private sealed class SignallingStream : MemoryStream
    {
        private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Written => _written.Task;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var writing = base.WriteAsync(buffer, cancellationToken);
            _written.TrySetResult();
            return writing;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var writing = base.WriteAsync(buffer, offset, count, cancellationToken);
            _written.TrySetResult();
            return writing;
        }
    }
}
