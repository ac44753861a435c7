using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Portico.Testing.Protos;

namespace Portico.Testing;

/// <summary>Builds replies that describe what the backend saw, and applies a request's sleep/fail/header options.</summary>
internal static class EchoReplies
{
    public static EchoReply Create(ServerCallContext context, BackendState state, string message)
    {
        var http = context.GetHttpContext();
        var reply = new EchoReply
        {
            Message = message,
            Server = state.Name,
            Method = RequestSnapshot.Target(http),
            Authority = http.Request.Host.Value ?? string.Empty,
            Protocol = http.Request.Protocol,
        };
        reply.Metadata.Add(RequestSnapshot.Headers(http.Request.Headers));
        return reply;
    }

    /// <summary>Sleeps, adds requested headers/trailers, then fails if asked; shared by every method.</summary>
    public static async Task ApplyAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.SleepMs > 0)
        {
            await Task.Delay(request.SleepMs, context.CancellationToken).ConfigureAwait(false);
        }

        var response = context.GetHttpContext().Response;
        if (!response.HasStarted)
        {
            foreach (var (key, value) in request.ResponseHeaders)
            {
                response.Headers.Append(key, value);
            }
        }

        foreach (var (key, value) in request.ResponseTrailers)
        {
            context.ResponseTrailers.Add(key, value);
        }

        if (request.FailCode != 0)
        {
            throw Failure(request.FailCode, request.FailMessage);
        }
    }

    public static async Task<EchoReply> UnaryAsync(EchoRequest request, ServerCallContext context, BackendState state)
    {
        await ApplyAsync(request, context).ConfigureAwait(false);
        return Describe(Create(context, state, request.Message), request);
    }

    /// <summary>Fills the payload fields of a reply for <paramref name="request"/>.</summary>
    public static EchoReply Describe(EchoReply reply, EchoRequest request)
    {
        reply.ReceivedPayloadSize = request.Payload.Length;
        if (request.ResponsePayloadSize > 0)
        {
            reply.Payload = ByteString.CopyFrom(new byte[request.ResponsePayloadSize]);
        }

        return reply;
    }

    public static RpcException Failure(int code, string message) =>
        new(new Status((StatusCode)code, string.IsNullOrEmpty(message) ? $"failure {code} requested" : message));
}
