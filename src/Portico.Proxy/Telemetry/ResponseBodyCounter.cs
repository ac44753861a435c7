using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Portico.Proxy.Metrics;
using Prometheus;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// Stands in for the server's <see cref="IHttpResponseBodyFeature"/> for one call and counts what is written to the
/// client: bytes, and for gRPC the messages (5-byte prefixes). Everything else (start, complete, buffering, send
/// file) goes to the server's own feature, so YARP's <c>Response.CompleteAsync()</c> for gRPC still ends the stream
/// at once. Counting downstream writes sees exactly the upstream response content YARP copies, plus the gateway's
/// own replies.
/// <para>
/// Cost: one allocation per call (this object; a second, <see cref="CountingPipeWriter"/>, only if something writes
/// through <see cref="Writer"/>, which the forwarder does not), one virtual call layer per write,
/// <see cref="GrpcFrameCounter"/> work per message, one interlocked add per message when live.
/// </para>
/// </summary>
internal sealed class ResponseBodyCounter(IHttpResponseBodyFeature inner, bool grpc) : Stream, IHttpResponseBodyFeature, Forwarding.IFlushTarget
{
    /// <summary>Unflushed bytes after which a write flushes anyway, so the client's flow control still pushes back.</summary>
    private const int MaxUnflushed = 64 * 1024;

    private Forwarding.DeferredFlush? _downstream;
    private int _unflushed;

    private GrpcFrameCounter _frames;
    private CountingPipeWriter? _writer;

    public long Bytes { get; private set; }

    /// <summary>The server's own feature: the direct forwarding path writes to its pipe and counts through <see cref="Observe"/>.</summary>
    public IHttpResponseBodyFeature Inner => inner;

    public int Messages => _frames.Messages;

    /// <summary>The sent-messages child to increment per message, once the call's type is known at start.</summary>
    public Counter.Child? Live { get; set; }

    /// <summary>Told once, when a second message passes (<see cref="CallTelemetry.StreamShown"/>); null after that.</summary>
    public CallTelemetry? Call { get; set; }

    /// <summary>
    /// The flush owed to the client, when this call defers them (gRPC, HTTP/2 on both sides; see
    /// <see cref="Forwarding.DeferredFlush"/>): writes then go into the server's response pipe without a flush each,
    /// which also lets YARP return its 64 KiB copy buffer at once instead of holding it while the client connection's
    /// writer catches up. The upstream read pays the flush before it waits; the end of the response sends the rest.
    /// </summary>
    public Forwarding.DeferredFlush? Downstream
    {
        get => _downstream;
        set
        {
            _downstream = value;
            value?.Attach(this);
        }
    }

    public async Task FlushNowAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        await inner.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // :: IHttpResponseBodyFeature
    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= new CountingPipeWriter(inner.Writer, this);

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    // :: Stream (write side)
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Observe(buffer.AsSpan(offset, count));
        inner.Stream.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Observe(buffer);
        inner.Stream.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Observe(buffer.Span);
        if (_downstream is { } owed && _unflushed + buffer.Length <= MaxUnflushed)
        {
            inner.Writer.Write(buffer.Span);
            _unflushed += buffer.Length;
            owed.Defer();
            return default;
        }

        _unflushed = 0; // the stream's write flushes what the pipe holds
        return inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Stream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_downstream is { } owed)
        {
            owed.Defer();
            return Task.CompletedTask;
        }

        return inner.Stream.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    internal void Observe(ReadOnlySpan<byte> data)
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
    }

    /// <summary>Counts bytes written through the pipe: what <c>Advance</c> commits of the last buffer handed out.</summary>
    private sealed class CountingPipeWriter(PipeWriter inner, ResponseBodyCounter owner) : PipeWriter
    {
        private Memory<byte> _last;

        public override void Advance(int bytes)
        {
            owner.Observe(_last.Span[..bytes]);
            _last = default;
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _last = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_last = inner.GetMemory(sizeHint)).Span;

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            owner.Observe(source.Span);
            return inner.WriteAsync(source, cancellationToken);
        }
    }
}
