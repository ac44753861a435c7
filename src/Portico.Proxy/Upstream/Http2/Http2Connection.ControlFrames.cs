using System.Buffers.Binary;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>The reader loop's handlers of RST_STREAM, SETTINGS, PING, GOAWAY and WINDOW_UPDATE (RFC 9113 §6.4-6.9).</summary>
internal sealed partial class Http2Connection
{
    private void OnReset(int streamId, ReadOnlySpan<byte> payload)
    {
        if (streamId == 0 || payload.Length != 4)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "malformed RST_STREAM");
        }

        var code = (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload);
        Http2Stream? stream;
        lock (_lock)
        {
            stream = _streams.GetValueOrDefault(streamId);
            if (stream is not null)
            {
                RemoveStream(stream);
            }
        }

        if (stream is not null)
        {
            // NO_ERROR after a complete response (the server does not want the rest of the request) is no failure.
            if (!(code == Http2ErrorCode.NoError && stream.EndReceived))
            {
                stream.Fail(new Http2StreamResetException(code));
            }

            QueueWake(stream);
        }
    }

    private void OnSettings(byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        if (streamId != 0 || payload.Length % 6 != 0)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "malformed SETTINGS");
        }

        if ((flags & Http2Protocol.Ack) != 0)
        {
            return;
        }

        List<Http2Stream>? unblocked = null;
        lock (_lock)
        {
            for (var i = 0; i < payload.Length; i += 6)
            {
                var id = BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
                var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
                switch (id)
                {
                    case Http2Protocol.SettingsMaxConcurrentStreams:
                        _peerMaxConcurrent = (int)Math.Min(value, (uint)Options.MaxStreamsPerConnection);
                        break;
                    case Http2Protocol.SettingsInitialWindowSize:
                        if (value > Http2Protocol.MaxWindowSize)
                        {
                            throw new Http2ProtocolException(Http2ErrorCode.FlowControlError, "INITIAL_WINDOW_SIZE above 2^31-1");
                        }

                        // §6.9.2: a change that takes a stream's send window above 2^31-1 is a connection error.
                        var delta = (long)value - _peerInitialWindow;
                        foreach (var s in _streams.Values)
                        {
                            if (s.SendWindow + delta > Http2Protocol.MaxWindowSize)
                            {
                                throw new Http2ProtocolException(Http2ErrorCode.FlowControlError, "INITIAL_WINDOW_SIZE takes a stream window above 2^31-1");
                            }
                        }

                        _peerInitialWindow = (int)value;
                        foreach (var s in _streams.Values)
                        {
                            s.SendWindow += (int)delta;
                            if (s.SendBlocked && !s.WindowQueued && s.SendWindow > 0)
                            {
                                s.SendBlocked = false;
                                (unblocked ??= []).Add(s);
                            }
                        }

                        break;
                    case Http2Protocol.SettingsMaxFrameSize:
                        if (value is < Http2Protocol.DefaultMaxFrameSize or > 16777215)
                        {
                            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "MAX_FRAME_SIZE out of range");
                        }

                        _peerMaxFrameSize = (int)value;
                        break;
                    default:
                        break; // HEADER_TABLE_SIZE: our encoder never uses the server's dynamic table
                }
            }

            AppendFrame(Http2Protocol.Settings, Http2Protocol.Ack, 0, 0);
        }

        Flush();
        _settingsReceived.TrySetResult();
        if (unblocked is not null)
        {
            foreach (var s in unblocked)
            {
                s.Sendable.Set();
            }
        }
    }

    private void OnPing(byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        if (streamId != 0 || payload.Length != 8)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "malformed PING");
        }

        if ((flags & Http2Protocol.Ack) != 0)
        {
            lock (_lock)
            {
                _pingOutstanding = false; // the keep-alive was answered
            }

            return;
        }

        lock (_lock)
        {
            payload.CopyTo(AppendFrame(Http2Protocol.Ping, Http2Protocol.Ack, 0, 8));
        }

        Flush();
    }

    private void OnGoAway(int streamId, ReadOnlySpan<byte> payload)
    {
        if (streamId != 0 || payload.Length < 8)
        {
            throw new Http2ProtocolException(Http2ErrorCode.ProtocolError, "malformed GOAWAY");
        }

        var lastStreamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF);
        var code = (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        List<Http2Stream>? refused = null;
        bool idle;
        lock (_lock)
        {
            _goingAway = true;
            foreach (var s in _streams.Values)
            {
                if (s.Id > lastStreamId)
                {
                    (refused ??= []).Add(s);
                }
            }

            if (refused is not null)
            {
                foreach (var s in refused)
                {
                    RemoveStream(s);
                }
            }

            idle = _reserved == 0;
        }

        if (refused is not null)
        {
            var error = new Http2Exception($"the upstream is going away (GOAWAY {code}) and did not process the stream", retryable: true);
            foreach (var s in refused)
            {
                s.Fail(error);
                QueueWake(s);
            }
        }

        _onClosed?.Invoke(this); // the pool stops handing it out
        if (idle)
        {
            Close();
        }
    }

    private void OnWindowUpdate(int streamId, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != 4)
        {
            throw new Http2ProtocolException(Http2ErrorCode.FrameSizeError, "malformed WINDOW_UPDATE");
        }

        var increment = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF);
        List<Http2Stream>? unblocked = null;
        Http2Stream? failed = null;
        lock (_lock)
        {
            if (streamId == 0)
            {
                if (increment == 0 || (long)_sendWindow + _grantedWindow + increment > Http2Protocol.MaxWindowSize)
                {
                    throw new Http2ProtocolException(increment == 0 ? Http2ErrorCode.ProtocolError : Http2ErrorCode.FlowControlError, "bad connection WINDOW_UPDATE");
                }

                _sendWindow += increment;
                GrantWindow(); // to the streams in line, in order
            }
            else if (_streams.GetValueOrDefault(streamId) is { } stream)
            {
                if (increment == 0 || (long)stream.SendWindow + increment > Http2Protocol.MaxWindowSize)
                {
                    failed = stream;
                }
                else
                {
                    stream.SendWindow += increment;
                    if (stream.SendBlocked && !stream.WindowQueued)
                    {
                        // It waited for its own window; the connection's is shared in line (TryWriteData).
                        stream.SendBlocked = false;
                        (unblocked ??= []).Add(stream);
                    }
                }
            }
        }

        if (failed is not null)
        {
            ResetFromReader(failed, Http2ErrorCode.FlowControlError, new Http2Exception("bad stream WINDOW_UPDATE from the upstream"));
        }

        if (unblocked is not null)
        {
            foreach (var s in unblocked)
            {
                s.Sendable.Set();
            }
        }
    }
}
