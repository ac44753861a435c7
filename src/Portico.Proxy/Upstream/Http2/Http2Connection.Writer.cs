using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>The write side of <see cref="Http2Connection"/>: one buffer, appended under the lock, sent by whoever flushes first.</summary>
internal sealed partial class Http2Connection
{
    private const int MaxKeptWriteBuffer = 64 * 1024;

    private bool _disposeSocketAfterSend;
    private bool _flushQueued;
    private DeferredFlush? _deferredFlush;

    /// <summary>Room for <paramref name="length"/> bytes at the end of the write buffer. Under the lock.</summary>
    private Span<byte> Append(int length)
    {
        if (_writeBuffer.Length - _writeLength < length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_writeBuffer.Length * 2, _writeLength + length));
            _writeBuffer.AsSpan(0, _writeLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_writeBuffer);
            _writeBuffer = bigger;
        }

        var span = _writeBuffer.AsSpan(_writeLength, length);
        _writeLength += length;
        return span;
    }

    /// <summary>A frame header; returns the room for its payload. Under the lock.</summary>
    private Span<byte> AppendFrame(byte type, byte flags, int streamId, int length)
    {
        var span = Append(Http2Protocol.FrameHeaderLength + length);
        span[0] = (byte)(length >> 16);
        span[1] = (byte)(length >> 8);
        span[2] = (byte)length;
        span[3] = type;
        span[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], (uint)streamId);
        return span[Http2Protocol.FrameHeaderLength..];
    }

    /// <summary>
    /// Sends everything appended so far: at once on this thread when no send is running (one syscall, usually
    /// completing synchronously), else the running send picks it up when it finishes.
    /// </summary>
    public void Flush()
    {
        byte[] buffer;
        int length;
        lock (_lock)
        {
            if (_sending)
            {
                _flushPending = true;
                return;
            }

            if (_writeLength == 0 || (_closed is not null && !_disposeSocketAfterSend))
            {
                return;
            }

            _sending = true;
            buffer = _writeBuffer;
            length = _writeLength;
            _writeBuffer = ArrayPool<byte>.Shared.Rent(InitialWriteBuffer);
            _writeLength = 0;
        }

        _ = SendLoopAsync(buffer, length);
    }

    /// <summary>
    /// Sends everything appended so far a little later: from a thread-pool work item queued behind the work already
    /// waiting (preferLocal: false), so calls the server side is starting in the same wave (Kestrel queues one
    /// work item per request stream it reads) add their frames first and leave in the same <c>send</c>. Under load
    /// that is several calls per syscall instead of one or two; when idle the item runs next, at the cost of one
    /// thread-pool dispatch. For the request path only: control frames (GOAWAY before a close, PING ack, resets,
    /// window updates) use <see cref="Flush"/>.
    /// </summary>
    public void FlushSoon()
    {
        lock (_lock)
        {
            if (_sending)
            {
                _flushPending = true; // the running send takes it
                return;
            }

            if (_flushQueued || _writeLength == 0 || _closed is not null)
            {
                return;
            }

            _flushQueued = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(_deferredFlush ??= new DeferredFlush(this), preferLocal: false);
    }

    private sealed class DeferredFlush(Http2Connection connection) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            lock (connection._lock)
            {
                connection._flushQueued = false;
            }

            connection.Flush();
        }
    }

    private async Task SendLoopAsync(byte[] buffer, int length)
    {
        try
        {
            while (true)
            {
                var sent = 0;
                while (sent < length)
                {
                    sent += await _socket.SendAsync(buffer.AsMemory(sent, length - sent), SocketFlags.None).ConfigureAwait(false);
                }

                lock (_lock)
                {
                    if (!_flushPending || _writeLength == 0)
                    {
                        _flushPending = false;
                        _sending = false;
                        KeepOrReturn(buffer);
                        if (_disposeSocketAfterSend)
                        {
                            _socket.Dispose();
                        }

                        return;
                    }

                    _flushPending = false;
                    var next = _writeBuffer;
                    length = _writeLength;
                    _writeBuffer = buffer.Length <= MaxKeptWriteBuffer ? buffer : ArrayPool<byte>.Shared.Rent(InitialWriteBuffer);
                    if (buffer.Length > MaxKeptWriteBuffer)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    _writeLength = 0;
                    buffer = next;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            bool dispose;
            lock (_lock)
            {
                _sending = false;
                dispose = _disposeSocketAfterSend; // Abort() left the socket to this send, which failed
            }

            ArrayPool<byte>.Shared.Return(buffer);
            if (dispose)
            {
                _socket.Dispose();
            }

            Abort(new Http2Exception("writing to the upstream connection failed", inner: e), waitForSend: false);
        }
    }

    /// <summary>Under the lock, after a send: the sent buffer becomes the next spare unless the current one is small.</summary>
    private void KeepOrReturn(byte[] buffer)
    {
        if (_writeLength == 0 && _writeBuffer.Length < buffer.Length && buffer.Length <= MaxKeptWriteBuffer)
        {
            ArrayPool<byte>.Shared.Return(_writeBuffer);
            _writeBuffer = buffer;
            return;
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// Ends the connection: every stream fails with <paramref name="reason"/>, the pool is told, the socket is
    /// closed (after the send in progress when <paramref name="waitForSend"/>, so a GOAWAY still goes out).
    /// </summary>
    private void Abort(Exception reason, bool waitForSend)
    {
        Http2Stream[] streams;
        bool disposeNow;
        lock (_lock)
        {
            if (_closed is not null)
            {
                return;
            }

            _closed = reason;
            _goingAway = true;
            streams = [.. _streams.Values];
            foreach (var s in streams)
            {
                s.InTable = false;
            }

            _streams.Clear();
            _reserved = 0;
            disposeNow = !(waitForSend && _sending);
            _disposeSocketAfterSend = !disposeNow;
        }

        foreach (var s in streams)
        {
            s.Fail(reason);
        }

        _settingsReceived.TrySetException(reason);

        if (disposeNow)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already gone.
            }
            catch (ObjectDisposedException)
            {
                // Already gone.
            }

            _socket.Dispose();
        }

        _onClosed?.Invoke(this);
        _completion.TrySetResult();
    }
}
