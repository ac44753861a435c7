using System.Buffers;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// The upstream request stream as YARP sees it for an HTTP/2 gRPC call:
/// <list type="bullet">
/// <item>flushes are recorded as owed (<see cref="DeferredFlush"/>) and paid by <see cref="FlushNowAsync"/>;</item>
/// <item>writes are copied into a right-sized pooled buffer and completed at once when HttpClient has to queue
/// them (its connection writer is busy), so YARP returns its 64 KiB copy buffer to the shared pool instead of
/// holding it while hundreds of calls wait for the one upstream connection: that hold is what drained the pool.
/// One write at a time is in flight; the next write, a flush or the end of the body waits for it, so order,
/// back-pressure and errors are kept (an error surfaces on that next operation).</item>
/// </list>
/// </summary>
internal sealed class FlushDeferringStream(Stream inner, DeferredFlush flush) : Stream, IFlushTarget
{
    private Task? _inFlight;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => flush.Defer();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        flush.Defer();
        return Task.CompletedTask;
    }

    /// <summary>Waits for the write in flight, then flushes the upstream stream for real.</summary>
    public async Task FlushNowAsync(CancellationToken cancellationToken)
    {
        await DrainAsync().ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the write in flight (if any) and surfaces its error.</summary>
    public Task DrainAsync()
    {
        var inFlight = _inFlight;
        _inFlight = null;
        return inFlight ?? Task.CompletedTask;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_inFlight is not null)
        {
            await DrainAsync().ConfigureAwait(false);
        }

        flush.Defer();
        var copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
        buffer.CopyTo(copy);
        var write = inner.WriteAsync(copy.AsMemory(0, buffer.Length), cancellationToken);
        if (write.IsCompletedSuccessfully)
        {
            ArrayPool<byte>.Shared.Return(copy);
            return;
        }

        _inFlight = Finish(write, copy);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        DrainAsync().GetAwaiter().GetResult();
        flush.Defer();
        inner.Write(buffer, offset, count);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private static async Task Finish(ValueTask write, byte[] copy)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
