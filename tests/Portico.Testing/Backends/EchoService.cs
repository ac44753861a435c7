using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.Testing;

/// <summary><c>portico.test.Echo</c>: one method per RPC type.</summary>
internal sealed class EchoService(BackendState state) : Echo.EchoBase
{
    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
        EchoReplies.UnaryAsync(request, context, state);

    public override async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var token = context.CancellationToken;
        if (request.HeadersFirst)
        {
            await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
        }

        if (request.HoldMs > 0)
        {
            await Task.Delay(request.HoldMs, token).ConfigureAwait(false);
        }

        var template = EchoReplies.Create(context, state, request.Message);
        for (var sent = 0; sent < request.Count; sent++)
        {
            if (request.FailCode != 0 && sent == request.FailAfter)
            {
                throw EchoReplies.Failure(request.FailCode, request.FailMessage);
            }

            if (sent > 0 && request.IntervalMs > 0)
            {
                await Task.Delay(request.IntervalMs, token).ConfigureAwait(false);
            }

            var reply = template.Clone();
            reply.Sequence = sent + 1;
            await responseStream.WriteAsync(reply, token).ConfigureAwait(false);
        }

        if (request.FailCode != 0)
        {
            throw EchoReplies.Failure(request.FailCode, request.FailMessage);
        }
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var count = 0;
        var payload = 0;
        var last = string.Empty;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requestStream.Current;
            count++;
            payload += request.Payload.Length;
            last = request.Message;
            await EchoReplies.ApplyAsync(request, context).ConfigureAwait(false);
        }

        var reply = EchoReplies.Create(context, state, last);
        reply.Count = count;
        reply.ReceivedPayloadSize = payload;
        return reply;
    }

    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        // Headers go out before any message is read, so a proxy that holds them until the first DATA frame is caught.
        await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
        var sequence = 0;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requestStream.Current;
            await EchoReplies.ApplyAsync(request, context).ConfigureAwait(false);
            var reply = EchoReplies.Describe(EchoReplies.Create(context, state, request.Message), request);
            reply.Sequence = ++sequence;
            await responseStream.WriteAsync(reply, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
