using Google.Protobuf;
using Grpc.Core;
using Portico.Bench.Protos;

namespace Portico.Bench.Backend;

/// <summary>
/// Unary echoes its payload. A request header <c>x-bench-gen</c> (set by a route filter in the reload benchmark)
/// is echoed as a response header, so a client can tell which route table served its call.
/// </summary>
internal sealed class BenchService(Counters counters) : Protos.Bench.BenchBase
{
    private const string GenerationHeader = "x-bench-gen";

    public override async Task<Payload> Unary(Payload request, ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(GenerationHeader) is { } generation)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { GenerationHeader, generation } }).ConfigureAwait(false);
        }

        counters.CountUnary();
        return request;
    }

    public override async Task ServerStream(StreamRequest request, IServerStreamWriter<Payload> responseStream, ServerCallContext context)
    {
        // One immutable message reused for every write: the backend should cost as little as possible.
        var message = new Payload { Body = ByteString.CopyFrom(new byte[Math.Max(0, request.Size)]) };
        var sent = 0L;
        for (var i = 0; i < request.Count && !context.CancellationToken.IsCancellationRequested; i++)
        {
            await responseStream.WriteAsync(message).ConfigureAwait(false);
            sent++;
        }

        counters.CountStream(sent);
    }

    public override Task<StatsReply> Stats(StatsRequest request, ServerCallContext context) =>
        Task.FromResult(new StatsReply { UnaryCalls = counters.Unary, StreamCalls = counters.Streams, StreamMessages = counters.Messages });
}
