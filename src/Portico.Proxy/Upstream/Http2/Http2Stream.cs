using System.Buffers;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// One request/response exchange on an <see cref="Http2Connection"/>. The connection's reader loop fills in the
/// response (headers, DATA copied into one growable pooled buffer, trailers, end or reset) and wakes the one
/// consumer through <see cref="WaitAsync"/>; the consumer reads the body with <see cref="Read"/>, which gives the stream
/// window back to the server as it goes. Send-side state (windows, END_STREAM sent) belongs to the connection's lock.
/// </summary>
internal sealed class Http2Stream : IHeaderSink
{
    private readonly Lock _sync = new();
    private readonly AsyncSignal _received = new();
    private AsyncSignal? _sendable;

    // Receive side (under _sync).
    private List<KeyValuePair<string, string>>? _headers;
    private List<KeyValuePair<string, string>>? _trailers;
    private bool _decodingTrailers;
    private byte[]? _data;
    private int _dataStart;
    private int _dataEnd;
    private int _unacked; // consumed bytes not yet given back to the server's view of our stream window
    private int _receiveWindow;
    private Exception? _error;

    public Http2Stream(Http2Connection connection)
    {
        Connection = connection;
        _receiveWindow = connection.Options.StreamWindow;
    }

    public Http2Connection Connection { get; }

    /// <summary>Stream id, once the HEADERS went out (0 before).</summary>
    public int Id { get; internal set; }

    // Connection-lock state.
    internal int SendWindow;
    internal bool SendBlocked;

    /// <summary>In line for the connection's send window (<see cref="Http2Connection"/>'s waiters, FIFO).</summary>
    internal bool WindowQueued;

    /// <summary>What this stream asked of the connection window when it got in line.</summary>
    internal int WindowWanted;

    /// <summary>Connection window handed to this stream in its turn and not used yet (given back when it ends).</summary>
    internal int WindowGranted;
    internal bool EndSent;
    internal bool EndReceived;
    internal bool InTable;

    /// <summary>Reader loop only: already in this read's wake list.</summary>
    internal bool WakeQueued;

    /// <summary>The response's <c>:status</c>; 0 until the headers are here.</summary>
    public int Status { get; private set; }

    /// <summary>The response headers (minus <c>:status</c>), once <see cref="HeadersReceived"/>.</summary>
    public List<KeyValuePair<string, string>>? Headers { get { lock (_sync) { return HeadersReceived ? _headers : null; } } }

    public bool HeadersReceived { get; private set; }

    /// <summary>True when the server's HEADERS carried END_STREAM (no body, no trailers: trailers-only in gRPC).</summary>
    public bool HeadersEndedStream { get; private set; }

    /// <summary>The trailers (null when the response ended without them).</summary>
    public List<KeyValuePair<string, string>>? Trailers { get { lock (_sync) { return _trailers; } } }

    /// <summary>Set once the stream failed (reset by the server, cancelled, connection lost).</summary>
    public Exception? Error { get { lock (_sync) { return _error; } } }

    /// <summary>Body bytes received and not read yet (tests, diagnostics).</summary>
    internal int BufferedBytes { get { lock (_sync) { return _dataEnd - _dataStart; } } }

    /// <summary>Waits for the reader loop to report something new (headers, data, end, failure).</summary>
    public ValueTask WaitAsync() => _received.WaitAsync();

    internal AsyncSignal Sendable => _sendable ??= new AsyncSignal();

    /// <summary>What the consumer can do now.</summary>
    public ReadState Poll()
    {
        lock (_sync)
        {
            if (_dataEnd > _dataStart)
            {
                return ReadState.Data;
            }

            if (_error is not null)
            {
                return ReadState.Failed;
            }

            return EndReceivedByReader ? ReadState.Ended : ReadState.Pending;
        }
    }

    /// <summary>Headers state for the consumer: throws the failure, true once headers are here.</summary>
    public bool TryGetHeaders()
    {
        lock (_sync)
        {
            if (HeadersReceived)
            {
                return true;
            }

            if (_error is not null)
            {
                throw _error;
            }

            return false;
        }
    }

    /// <summary>Copies buffered body bytes into <paramref name="destination"/>; returns the count (0: none buffered).</summary>
    public int Read(Span<byte> destination)
    {
        int n;
        var update = 0;
        lock (_sync)
        {
            n = Math.Min(destination.Length, _dataEnd - _dataStart);
            if (n == 0)
            {
                return 0;
            }

            _data.AsSpan(_dataStart, n).CopyTo(destination);
            _dataStart += n;
            if (_dataStart == _dataEnd)
            {
                _dataStart = _dataEnd = 0;
            }

            _unacked += n;
            if (_unacked >= Connection.Options.StreamWindow / 2 && !EndReceivedByReader && _error is null)
            {
                update = _unacked;
                _unacked = 0;
                _receiveWindow += update;
            }
        }

        if (update > 0)
        {
            Connection.StreamConsumed(this, update);
        }

        return n;
    }

    // Reader loop side ----------------------------------------------------------------------------------------

    private bool EndReceivedByReader { get; set; }

    internal void BeginHeaderBlock()
    {
        lock (_sync)
        {
            if (HeadersReceived)
            {
                _decodingTrailers = true;
                _trailers ??= new List<KeyValuePair<string, string>>(4);
            }
            else
            {
                _headers ??= new List<KeyValuePair<string, string>>(8);
                _headers.Clear(); // a 1xx block before the final one is dropped
                Status = 0;
            }
        }
    }

    void IHeaderSink.OnHeader(string name, string value)
    {
        // Reader loop only, between BeginHeaderBlock and EndHeaderBlock; the consumer reads these lists only after
        // EndHeaderBlock publishes them under the lock.
        if (_decodingTrailers)
        {
            if (name.Length > 0 && name[0] != ':')
            {
                _trailers!.Add(new(name, value));
            }

            return;
        }

        if (name == ":status")
        {
            Status = int.TryParse(value, out var s) ? s : 0;
        }
        else if (name.Length > 0 && name[0] != ':')
        {
            _headers!.Add(new(name, value));
        }
    }

    /// <summary>
    /// Returns true when the consumer must be woken. <paramref name="malformed"/>: a response header block without a
    /// valid <c>:status</c>; the stream has failed (a stream PROTOCOL_ERROR).
    /// </summary>
    internal bool EndHeaderBlock(bool endStream, bool fits, out bool malformed)
    {
        malformed = false;
        lock (_sync)
        {
            if (!fits)
            {
                _error ??= new Http2Exception("the upstream response header list exceeds the limit");
                return true;
            }

            if (_decodingTrailers)
            {
                _decodingTrailers = false;
                if (!endStream)
                {
                    malformed = true; // reset by the reader, so nothing more is taken for it
                    _error ??= new Http2ProtocolException(Http2ErrorCode.ProtocolError, "trailers without END_STREAM");
                }

                EndReceivedByReader = true;
                return true;
            }

            if (Status is >= 100 and < 200)
            {
                return false; // informational: the final headers follow
            }

            if (Status is < 100 or > 999)
            {
                malformed = true;
                _error ??= new Http2ProtocolException(Http2ErrorCode.ProtocolError, "response HEADERS without a valid :status");
                return true;
            }

            HeadersReceived = true;
            HeadersEndedStream = endStream;
            EndReceivedByReader |= endStream;
            return true;
        }
    }

    /// <summary>
    /// DATA payload for this stream (the connection window was already given back by the reader). False: the
    /// frame exceeds the stream window we gave (a stream flow-control error).
    /// </summary>
    internal bool OnData(ReadOnlySpan<byte> payload, int flowControlled, bool endStream)
    {
        lock (_sync)
        {
            _receiveWindow -= flowControlled;
            if (_receiveWindow < 0)
            {
                return false;
            }

            if (endStream)
            {
                EndReceivedByReader = true;
            }

            if (_error is not null)
            {
                return true;
            }

            if (!payload.IsEmpty)
            {
                EnsureRoom(payload.Length);
                payload.CopyTo(_data.AsSpan(_dataEnd));
                _dataEnd += payload.Length;
            }

            _unacked += flowControlled - payload.Length; // padding: given back to the stream window with the next update
            return true;
        }
    }

    private void EnsureRoom(int length)
    {
        if (_data is null)
        {
            _data = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
            return;
        }

        if (_data.Length - _dataEnd >= length)
        {
            return;
        }

        var live = _dataEnd - _dataStart;
        if (_data.Length - live >= length && _dataStart > 0)
        {
            _data.AsSpan(_dataStart, live).CopyTo(_data);
        }
        else
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_data.Length * 2, live + length));
            _data.AsSpan(_dataStart, live).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = bigger;
        }

        _dataStart = 0;
        _dataEnd = live;
    }

    /// <summary>Fails the stream (reset, cancel, connection lost); the first failure wins. Wakes both waiters.</summary>
    internal void Fail(Exception error)
    {
        lock (_sync)
        {
            _error ??= error;
        }

        _received.Set();
        _sendable?.Set();
    }

    /// <summary>The caller gave up (client gone, deadline, idle): the waits end; the RST_STREAM goes out with <see cref="Http2Connection.Finish"/>.</summary>
    public void Cancel() => Fail(new OperationCanceledException("the upstream call was cancelled"));

    /// <summary>
    /// Wakes the consumer from the reader loop, after a batch of frames. <paramref name="inline"/>: its continuation
    /// runs right here, until its next await (copying headers and body to the client, usually to the end of a unary
    /// call), which saves a thread pool hop. The reader holds no lock here; the consumer never blocks synchronously.
    /// </summary>
    internal void Wake(bool inline) => _received.Set(inline);

    /// <summary>Drops the body bytes received but never read (the connection window already has them back).</summary>
    internal void ReleaseBuffer()
    {
        lock (_sync)
        {
            if (_data is not null)
            {
                ArrayPool<byte>.Shared.Return(_data);
                _data = null;
            }

            _dataStart = _dataEnd = 0;
            _error ??= new ObjectDisposedException(nameof(Http2Stream));
        }

        _sendable?.Set(); // a request body copy waiting for window stops
    }
}

/// <summary>The state of a stream's response body for its consumer.</summary>
internal enum ReadState
{
    Pending,
    Data,
    Ended,
    Failed,
}
