using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>The read side of <see cref="Http2Connection"/>: one loop per connection, frames processed in order.</summary>
internal sealed partial class Http2Connection
{
    /// <summary>Our SETTINGS_MAX_FRAME_SIZE (the default; we never raise it).</summary>
    private const int MaxFrameSize = Http2Protocol.DefaultMaxFrameSize;

    private readonly List<Http2Stream> _toWake = [];
    private byte[] _headerBlock = new byte[1024];
    private int _headerBlockLength;
    private int _continuationStream; // non-zero: a header block is open and only its CONTINUATION may follow
    private bool _continuationEndStream;

    /// <summary>
    /// Test seam: called by the reader loop with each frame's type before the frame is processed. A test makes it
    /// throw to stand for a bug in the reader (no frame a peer can send does that).
    /// </summary>
    internal Action<byte>? OnFrameForTests { get; set; }

    private async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new Http2Exception("the upstream closed the connection", retryable: false);
                }

                end += read;
                while (end - start >= Http2Protocol.FrameHeaderLength)
                {
                    var header = buffer.AsSpan(start, Http2Protocol.FrameHeaderLength);
                    var length = (header[0] << 16) | (header[1] << 8) | header[2];
                    if (length > MaxFrameSize)
                    {
                        throw new Http2ProtocolException(Http2ErrorCode.FrameSizeError, $"frame of {length} octets");
                    }

                    if (end - start < Http2Protocol.FrameHeaderLength + length)
                    {
                        break;
                    }

                    var streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(header[5..]) & 0x7FFFFFFF);
                    OnFrameForTests?.Invoke(header[3]);
                    ProcessFrame(header[3], header[4], streamId, buffer.AsSpan(start + Http2Protocol.FrameHeaderLength, length));
                    start += Http2Protocol.FrameHeaderLength + length;
                }

                WakeAll();
                if (start == end)
                {
                    start = end = 0;
                }
                else if (buffer.Length - end < Http2Protocol.FrameHeaderLength + MaxFrameSize)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
            }
        }
        catch (Http2ProtocolException e)
        {
            WakeAll();
            GoAwayAndAbort(e);
        }
        catch (HpackException e)
        {
            WakeAll();
            GoAwayAndAbort(new Http2ProtocolException(Http2ErrorCode.CompressionError, e.Message));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            WakeAll();
            Abort(e as Http2Exception ?? new Http2Exception("the upstream connection was lost", inner: e), waitForSend: false);
        }
        catch (Exception e)
        {
            // A bug, not the peer: the loop must not end silently and leave a connection that accepts streams
            // nobody will ever answer. Its streams fail and the pool drops it.
            WakeAll();
            Abort(new Http2Exception("the upstream connection's reader failed", inner: e), waitForSend: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A connection error (§5.4.1): GOAWAY with its code, then the connection ends once that is written.</summary>
    private void GoAwayAndAbort(Http2ProtocolException e) => GoAwayAndAbort(e.Code, e);

    private void QueueWake(Http2Stream stream)
    {
        if (!stream.WakeQueued)
        {
            stream.WakeQueued = true;
            _toWake.Add(stream);
        }
    }

    /// <summary>
    /// Wakes the streams this read gave something to. With one CPU every consumer runs inline (no thread pool hops:
    /// the hops cost more than they could overlap); with more, all but the last go to the thread pool, so the
    /// responses of one connection are copied in parallel, and the last runs inline.
    /// </summary>
    private void WakeAll()
    {
        var count = _toWake.Count;
        for (var i = 0; i < count; i++)
        {
            var s = _toWake[i];
            s.WakeQueued = false;
            s.Wake(inline: i == count - 1 || SingleCpu);
        }

        _toWake.Clear();
    }

    private static readonly bool SingleCpu = Environment.ProcessorCount == 1;

    private Http2Stream? Find(int streamId)
    {
        lock (_lock)
        {
            return _streams.GetValueOrDefault(streamId);
        }
    }

    private void ProcessFrame(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        if (_continuationStream != 0 && (type != Http2Protocol.Continuation || streamId != _continuationStream))
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "a header block was interrupted");
        }

        switch (type)
        {
            case Http2Protocol.Data:
                OnData(flags, streamId, payload);
                break;
            case Http2Protocol.Headers:
                OnHeaders(flags, streamId, payload);
                break;
            case Http2Protocol.Continuation:
                if (_continuationStream == 0)
                {
                    throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "CONTINUATION without HEADERS");
                }

                AddHeaderFragment(payload);
                if ((flags & Http2Protocol.EndHeaders) != 0)
                {
                    var id = _continuationStream;
                    _continuationStream = 0;
                    DecodeHeaderBlock(id, _continuationEndStream);
                }

                break;
            case Http2Protocol.RstStream:
                OnReset(streamId, payload);
                break;
            case Http2Protocol.Settings:
                OnSettings(flags, streamId, payload);
                break;
            case Http2Protocol.PushPromise:
                throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "PUSH_PROMISE with push disabled");
            case Http2Protocol.Ping:
                OnPing(flags, streamId, payload);
                break;
            case Http2Protocol.GoAway:
                OnGoAway(streamId, payload);
                break;
            case Http2Protocol.WindowUpdate:
                OnWindowUpdate(streamId, payload);
                break;
            default:
                break; // PRIORITY and unknown types are ignored (§5.5, §6.3)
        }
    }

    private static ReadOnlySpan<byte> Unpad(byte flags, ReadOnlySpan<byte> payload)
    {
        if ((flags & Http2Protocol.Padded) == 0)
        {
            return payload;
        }

        if (payload.IsEmpty || payload[0] >= payload.Length)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "padding exceeds the frame");
        }

        return payload.Slice(1, payload.Length - 1 - payload[0]);
    }

    private void OnData(byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        if (streamId == 0)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "DATA on stream 0");
        }

        var flowControlled = payload.Length;
        if ((_receiveWindow -= flowControlled) < 0)
        {
            throw new Http2ProtocolException(Http2ErrorCode.FlowControlError, "DATA beyond the connection window");
        }

        // The connection window is given back as soon as a frame is taken (each stream's window bounds what it
        // buffers), so streams whose consumers do not read never stall the others.
        ReceivedOnConnection(flowControlled);

        var data = Unpad(flags, payload);
        var endStream = (flags & Http2Protocol.EndStream) != 0;
        var stream = Find(streamId);
        if (stream is null)
        {
            return; // a stream we reset or finished
        }

        if (stream.EndReceived)
        {
            ResetClosedStream(stream); // DATA after END_STREAM: not appended to a finished response
            return;
        }

        if (!stream.HeadersReceived)
        {
            ResetFromReader(stream, Http2ErrorCode.ProtocolError, new Http2ProtocolException(Http2ErrorCode.ProtocolError, "DATA before the response HEADERS"));
            return;
        }

        if (!stream.OnData(data, flowControlled, endStream))
        {
            ResetFromReader(stream, Http2ErrorCode.FlowControlError, new Http2Exception("the upstream sent DATA beyond the stream window"));
            return;
        }

        if (endStream)
        {
            EndReceived(stream);
        }

        QueueWake(stream);
    }

    /// <summary>Reader loop: DATA taken; the connection window goes back in batches of half of it.</summary>
    private void ReceivedOnConnection(int bytes)
    {
        _connectionUnacked += bytes;
        if (_connectionUnacked < Options.ConnectionWindow / 2)
        {
            return;
        }

        var increment = _connectionUnacked;
        _connectionUnacked = 0;
        _receiveWindow += increment;
        lock (_lock)
        {
            if (_closed is not null)
            {
                return;
            }

            WriteWindowUpdate(0, increment);
        }

        Flush();
    }

    private void OnHeaders(byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        if (streamId == 0)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "HEADERS on stream 0");
        }

        var fragment = Unpad(flags, payload);
        if ((flags & Http2Protocol.PriorityFlag) != 0)
        {
            if (fragment.Length < 5)
            {
                throw new Http2ProtocolException(Http2ErrorCode.FrameSizeError, "HEADERS too short for its priority");
            }

            fragment = fragment[5..];
        }

        _headerBlockLength = 0;
        AddHeaderFragment(fragment);
        var endStream = (flags & Http2Protocol.EndStream) != 0;
        if ((flags & Http2Protocol.EndHeaders) == 0)
        {
            _continuationStream = streamId;
            _continuationEndStream = endStream;
            return;
        }

        DecodeHeaderBlock(streamId, endStream);
    }

    private void AddHeaderFragment(ReadOnlySpan<byte> fragment)
    {
        if (_headerBlockLength + fragment.Length > Options.MaxHeaderListSize * 2 + 1024)
        {
            throw new Http2ProtocolException(Http2ErrorCode.EnhanceYourCalm, "header block too large");
        }

        if (_headerBlock.Length - _headerBlockLength < fragment.Length)
        {
            Array.Resize(ref _headerBlock, Math.Max(_headerBlock.Length * 2, _headerBlockLength + fragment.Length));
        }

        fragment.CopyTo(_headerBlock.AsSpan(_headerBlockLength));
        _headerBlockLength += fragment.Length;
    }

    private void DecodeHeaderBlock(int streamId, bool endStream)
    {
        var block = _headerBlock.AsSpan(0, _headerBlockLength);
        var stream = Find(streamId);
        if (stream is null)
        {
            _decoder.Decode(block, DiscardingSink.Instance); // the dynamic table must stay in step
            return;
        }

        if (stream.EndReceived)
        {
            // HEADERS after END_STREAM: never decoded into the lists the consumer may be reading.
            _decoder.Decode(block, DiscardingSink.Instance);
            ResetClosedStream(stream);
            return;
        }

        stream.BeginHeaderBlock();
        var fits = _decoder.Decode(block, stream);
        if (stream.EndHeaderBlock(endStream, fits, out var malformed))
        {
            QueueWake(stream);
        }

        if (!fits)
        {
            ResetFromReader(stream, Http2ErrorCode.Cancel, null);
        }
        else if (malformed)
        {
            ResetFromReader(stream, Http2ErrorCode.ProtocolError, null); // the stream already failed
        }
        else if (endStream)
        {
            EndReceived(stream);
        }
    }

    private void EndReceived(Http2Stream stream)
    {
        lock (_lock)
        {
            stream.EndReceived = true;
            if (stream.EndSent)
            {
                RemoveStream(stream);
            }
        }
    }

    /// <summary>
    /// A frame on a stream whose end we received, still in the table as its request is being sent (§5.1,
    /// half-closed (remote)): RST_STREAM(STREAM_CLOSED); the response already received stays readable.
    /// </summary>
    private void ResetClosedStream(Http2Stream stream)
    {
        lock (_lock)
        {
            if (!stream.InTable || _closed is not null)
            {
                return;
            }

            var span = AppendFrame(Http2Protocol.RstStream, 0, stream.Id, 4);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)Http2ErrorCode.StreamClosed);
            RemoveStream(stream);
        }

        Flush();
    }

    /// <summary>A stream error found by the reader: RST_STREAM to the server, the stream fails.</summary>
    private void ResetFromReader(Http2Stream stream, Http2ErrorCode code, Exception? error)
    {
        if (error is not null)
        {
            stream.Fail(error);
        }

        Finish(stream, code);
        QueueWake(stream);
    }

    /// <summary>Decodes and drops the fields of a stream that is gone.</summary>
    private sealed class DiscardingSink : IHeaderSink
    {
        public static readonly DiscardingSink Instance = new();

        public void OnHeader(string name, string value)
        {
        }
    }
}
