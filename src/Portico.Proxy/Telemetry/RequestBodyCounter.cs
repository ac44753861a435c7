using Portico.Proxy.Metrics;
using Prometheus;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// Wraps a request body and counts what the proxy reads from it: bytes, and for gRPC the messages (5-byte prefixes).
/// When the method's type is already known, each message also increments <c>grpc_server_msg_received_total</c> as
/// it arrives (<see cref="Live"/>), so long streams show progress before they end.
/// Cost: one virtual call layer per read, <see cref="GrpcFrameCounter"/> work per message, one interlocked add per
/// message when live. One allocation per call (this object).
/// <para>
/// It is also where the proxy learns that it is about to wait on the client: a read that does not complete at once
/// first pays the upstream flush owed by <see cref="Upstream"/> (see <see cref="Forwarding.DeferredFlush"/>).
/// </para>
/// </summary>
internal sealed class RequestBodyCounter(Stream inner, bool grpc) : Stream
{
    private GrpcFrameCounter _frames;

    public long Bytes { get; private set; }

    public int Messages => _frames.Messages;

    /// <summary>The received-messages child to increment per message, once the call's type is known at start.</summary>
    public Counter.Child? Live { get; set; }

    /// <summary>Told once, when a second message passes (<see cref="CallTelemetry.StreamShown"/>); null after that.</summary>
    public CallTelemetry? Call { get; set; }

    /// <summary>
    /// The server's own request body pipe, captured before the body was wrapped (gRPC over HTTP/2 only): the direct
    /// forwarding path (<see cref="Forwarding.GrpcForwarder"/>) reads it and counts through <see cref="Observe"/>.
    /// </summary>
    public System.IO.Pipelines.PipeReader? Reader { get; init; }

    /// <summary>The upstream request's deferred flush (gRPC over HTTP/2), paid before a read waits on the client.</summary>
    public Forwarding.DeferredFlush? Upstream { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Observe(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Observe(buffer[..inner.Read(buffer)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(buffer, cancellationToken);
        if (Upstream is { } flush)
        {
            read = flush.BeforeWaiting(read, cancellationToken);
        }

        // Synchronous completion (the common case for unary bodies) needs no state machine.
        return read.IsCompletedSuccessfully ? new ValueTask<int>(Observe(buffer.Span[..read.Result])) : ObserveAsync(read, buffer);
    }

    private async ValueTask<int> ObserveAsync(ValueTask<int> read, Memory<byte> buffer)
    {
        var n = await read.ConfigureAwait(false);
        return Observe(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    internal int Observe(ReadOnlySpan<byte> data)
    {
        Bytes += data.Length;
        if (grpc && !data.IsEmpty)
        {
            var found = _frames.Observe(data);
            if (found > 0)
            {
                Live?.Inc(found);
                if (_frames.Messages > 1 && Call is { } call)
                {
                    Call = null;
                    call.StreamShown();
                }
            }
        }

        return data.Length;
    }
}
