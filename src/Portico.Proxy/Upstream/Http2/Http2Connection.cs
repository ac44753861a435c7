using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// One h2c connection to a backend (RFC 9113, prior knowledge): many streams, one reader loop
/// (<c>Http2Connection.Reader.cs</c>), and coalesced writes.
/// <code>
///  writes ── every frame is appended to one pooled buffer under the connection lock; Flush() sends it, from the
///            flushing thread when no send is running, else the running send takes it next: frames of many
///            streams leave in one syscall, and a unary request (HEADERS + DATA + END_STREAM) in one
///  reads ─── one loop parses frames, hands DATA to its stream, and wakes each stream's consumer once per read
///  windows ─ send: the server's stream and connection windows (callers wait for WINDOW_UPDATE);
///            receive: ours, given back as consumers read (half a window at a time)
///  ending ── GOAWAY: no new streams, streams above last-stream-id fail (retryable); lost connection: every stream
///            fails; the pool drops the connection either way
/// </code>
/// Lock order: a stream's own lock may be taken while holding the connection lock, never the other way round.
/// </summary>
internal sealed partial class Http2Connection
{
    private const int InitialWriteBuffer = 16 * 1024;

    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Http2Stream> _streams = [];
    private readonly HpackDecoder _decoder;
    private readonly Action<Http2Connection>? _onClosed;
    private readonly TaskCompletionSource _settingsReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Under _lock.
    private byte[] _writeBuffer = ArrayPool<byte>.Shared.Rent(InitialWriteBuffer);
    private int _writeLength;
    private bool _sending;
    private bool _flushPending;
    private int _nextStreamId = 1;
    private int _reserved;
    private int _sendWindow = Http2Protocol.DefaultWindowSize;
    private int _peerInitialWindow = Http2Protocol.DefaultWindowSize;
    private int _peerMaxFrameSize = Http2Protocol.DefaultMaxFrameSize;
    private int _peerMaxConcurrent;
    private bool _goingAway;
    private bool _closeWhenIdle;
    private Exception? _closed;
    private long _idleSince = Environment.TickCount64;
    private bool _pingOutstanding;

    private int _receiveWindow; // Interlocked: the connection window we gave, minus DATA received
    private int _unackedConsumed; // Interlocked: consumed bytes not yet given back

    public Http2Connection(Socket socket, Http2ClientOptions options, Action<Http2Connection>? onClosed = null)
    {
        _socket = socket;
        Options = options;
        _onClosed = onClosed;
        _peerMaxConcurrent = options.AssumedMaxConcurrentStreams;
        _decoder = new HpackDecoder(4096, options.MaxHeaderListSize);
        _receiveWindow = options.ConnectionWindow;
    }

    public Http2ClientOptions Options { get; }

    /// <summary>True once the connection failed, was closed, or the server sent GOAWAY.</summary>
    public bool IsDraining { get { lock (_lock) { return _goingAway || _closed is not null; } } }

    public bool IsClosed { get { lock (_lock) { return _closed is not null; } } }

    /// <summary>Completes when the connection has ended (closed, lost, or failed).</summary>
    public Task Completion => _completion.Task;

    /// <summary>The server's SETTINGS_MAX_CONCURRENT_STREAMS (or the assumed value until it is known).</summary>
    public int MaxConcurrentStreams { get { lock (_lock) { return _peerMaxConcurrent; } } }

    /// <summary>Streams reserved or open.</summary>
    public int ActiveStreams { get { lock (_lock) { return _reserved; } } }

    /// <summary>Connects and starts the connection: preface, our SETTINGS, the connection window, the reader loop.</summary>
    public static async Task<Http2Connection> ConnectAsync(System.Net.EndPoint endpoint, Http2ClientOptions options, Action<Http2Connection>? onClosed, CancellationToken cancellationToken)
    {
        var socket = endpoint is System.Net.DnsEndPoint
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true } // dual mode: either family
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new Http2Exception($"connect to {endpoint} timed out after {options.ConnectTimeout.TotalSeconds:0.###} s", retryable: true);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new Http2Connection(socket, options, onClosed);
        connection.Start();

        // The server's first SETTINGS (its stream limit and windows) before any stream: a burst opened on the
        // assumed limit could otherwise exceed the real one and be refused.
        try
        {
            await connection._settingsReceived.Task.WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            connection.Abort(new Http2Exception($"no SETTINGS from {endpoint} within {options.ConnectTimeout.TotalSeconds:0.###} s", retryable: true, e), waitForSend: false);
            throw new Http2Exception($"no SETTINGS from {endpoint} within {options.ConnectTimeout.TotalSeconds:0.###} s", retryable: true, e);
        }

        return connection;
    }

    private void Start()
    {
        lock (_lock)
        {
            var span = Append(Http2Protocol.Preface.Length);
            Http2Protocol.Preface.CopyTo(span);
            span = AppendFrame(Http2Protocol.Settings, 0, 0, 12);
            WriteSetting(span, Http2Protocol.SettingsEnablePush, 0);
            WriteSetting(span[6..], Http2Protocol.SettingsInitialWindowSize, (uint)Options.StreamWindow);
            if (Options.ConnectionWindow > Http2Protocol.DefaultWindowSize)
            {
                WriteWindowUpdate(0, Options.ConnectionWindow - Http2Protocol.DefaultWindowSize);
            }
        }

        Flush();
        _ = ReadLoopAsync();
    }

    private static void WriteSetting(Span<byte> span, ushort id, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        BinaryPrimitives.WriteUInt32BigEndian(span[2..], value);
    }

    // Pool side --------------------------------------------------------------------------------------------------

    /// <summary>Takes a stream slot when the connection is usable and below the server's stream limit.</summary>
    public bool TryReserve()
    {
        lock (_lock)
        {
            if (_goingAway || _closed is not null || _reserved >= _peerMaxConcurrent)
            {
                return false;
            }

            _reserved++;
            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryReserve"/> for a stream that was never sent.</summary>
    public void Unreserve()
    {
        lock (_lock)
        {
            ReleaseSlot();
        }
    }

    /// <summary>Milliseconds since the last stream ended, or -1 while streams are open.</summary>
    public long IdleMilliseconds
    {
        get
        {
            lock (_lock)
            {
                return _reserved > 0 ? -1 : Environment.TickCount64 - _idleSince;
            }
        }
    }

    /// <summary>Closes the connection now if it has no streams, else once its last stream ends (GOAWAY first).</summary>
    public void CloseWhenIdle()
    {
        bool now;
        lock (_lock)
        {
            _closeWhenIdle = true;
            _goingAway = true;
            now = _reserved == 0;
        }

        if (now)
        {
            Close();
        }
    }

    /// <summary>Keeps the connection usable, but closes it when its streams next drop to none (its endpoint was forgotten).</summary>
    public void CloseAfterLastStream()
    {
        lock (_lock)
        {
            _closeWhenIdle = true;
        }
    }

    /// <summary>Sends GOAWAY(NO_ERROR) and closes the socket once it is written; open streams fail.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed is null)
            {
                var span = AppendFrame(Http2Protocol.GoAway, 0, 0, 8);
                BinaryPrimitives.WriteUInt32BigEndian(span, 0);
                BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)Http2ErrorCode.NoError);
            }
        }

        Flush();
        Abort(new Http2Exception("the upstream connection was closed by the gateway", retryable: true), waitForSend: true);
    }

    private void ReleaseSlot()
    {
        if (_closed is not null)
        {
            return; // Abort dropped every slot
        }

        _reserved--;
        if (_reserved == 0)
        {
            _idleSince = Environment.TickCount64;
            if (_closeWhenIdle || (_goingAway && _closed is null))
            {
                _closeWhenIdle = true;
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Close(), this, preferLocal: false);
            }
        }
    }

    /// <summary>
    /// Keep-alive (the pool's timer, while streams are open): drops the connection when the PING sent last time is
    /// still unanswered, else sends one.
    /// </summary>
    public void KeepAlive()
    {
        bool dead;
        lock (_lock)
        {
            if (_closed is not null)
            {
                return;
            }

            dead = _pingOutstanding;
            if (!dead)
            {
                _pingOutstanding = true;
                BinaryPrimitives.WriteInt64BigEndian(AppendFrame(Http2Protocol.Ping, 0, 0, 8), Environment.TickCount64);
            }
        }

        if (dead)
        {
            Abort(new Http2Exception("the upstream did not answer a keep-alive PING"), waitForSend: false);
            return;
        }

        Flush();
    }

    // Streams ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Sends a request's header block on a new stream (a slot from <see cref="TryReserve"/>): HEADERS, and
    /// CONTINUATION frames when the block exceeds the server's frame size. Not flushed unless asked.
    /// </summary>
    /// <exception cref="Http2Exception">The connection is gone or going away (retryable; the slot is given back).</exception>
    public void SendHeaders(Http2Stream stream, ReadOnlySpan<byte> block, bool endStream, bool flush)
    {
        lock (_lock)
        {
            if (_closed is not null || _goingAway || _nextStreamId > int.MaxValue - 2)
            {
                _goingAway = true;
                ReleaseSlot();
                throw new Http2Exception("the upstream connection is closing", retryable: true, _closed);
            }

            var id = _nextStreamId;
            _nextStreamId += 2;
            stream.Id = id;
            stream.SendWindow = _peerInitialWindow;
            stream.InTable = true;
            stream.EndSent = endStream;
            _streams[id] = stream;

            var first = Math.Min(block.Length, _peerMaxFrameSize);
            var flags = (byte)((first == block.Length ? Http2Protocol.EndHeaders : 0) | (endStream ? Http2Protocol.EndStream : 0));
            block[..first].CopyTo(AppendFrame(Http2Protocol.Headers, flags, id, first));
            var rest = block[first..];
            while (!rest.IsEmpty)
            {
                var n = Math.Min(rest.Length, _peerMaxFrameSize);
                rest[..n].CopyTo(AppendFrame(Http2Protocol.Continuation, n == rest.Length ? Http2Protocol.EndHeaders : (byte)0, id, n));
                rest = rest[n..];
            }
        }

        if (flush)
        {
            Flush();
        }
    }

    /// <summary>
    /// Sends body bytes within the stream and connection windows; completes synchronously when they fit, else
    /// flushes what is buffered and waits for WINDOW_UPDATE. <paramref name="endStream"/> sets END_STREAM on the
    /// last frame (an empty DATA frame when <paramref name="data"/> is empty). Not flushed at the end.
    /// </summary>
    public ValueTask SendDataAsync(Http2Stream stream, ReadOnlyMemory<byte> data, bool endStream, CancellationToken cancellationToken)
    {
        return TryWriteData(stream, ref data, endStream) ? default : SendDataSlowAsync(stream, data, endStream, cancellationToken);
    }

    private async ValueTask SendDataSlowAsync(Http2Stream stream, ReadOnlyMemory<byte> data, bool endStream, CancellationToken cancellationToken)
    {
        do
        {
            Flush();
            await stream.Sendable.WaitAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        while (!TryWriteData(stream, ref data, endStream));
    }

    /// <summary>Writes what the windows allow; true when all of <paramref name="data"/> (and END_STREAM) is written.</summary>
    private bool TryWriteData(Http2Stream stream, ref ReadOnlyMemory<byte> data, bool endStream)
    {
        lock (_lock)
        {
            if (stream.Error is { } error)
            {
                throw error is Http2Exception ? error : new Http2Exception("the upstream stream has failed", inner: error);
            }

            if (_closed is not null)
            {
                throw new Http2Exception("the upstream connection was lost", inner: _closed);
            }

            if (!stream.InTable || stream.EndSent)
            {
                throw new Http2Exception("the upstream stream is closed");
            }

            while (true)
            {
                if (data.IsEmpty)
                {
                    if (endStream)
                    {
                        AppendFrame(Http2Protocol.Data, Http2Protocol.EndStream, stream.Id, 0);
                        EndSent(stream);
                    }

                    return true;
                }

                var n = Math.Min(Math.Min(data.Length, _peerMaxFrameSize), Math.Min(_sendWindow, stream.SendWindow));
                if (n <= 0)
                {
                    _ = stream.Sendable; // created under the lock, before the reader loop can see SendBlocked
                    stream.SendBlocked = true;
                    return false;
                }

                var last = n == data.Length && endStream;
                data.Span[..n].CopyTo(AppendFrame(Http2Protocol.Data, last ? Http2Protocol.EndStream : (byte)0, stream.Id, n));
                _sendWindow -= n;
                stream.SendWindow -= n;
                data = data[n..];
                if (last)
                {
                    EndSent(stream);
                    return true;
                }
            }
        }
    }

    private void EndSent(Http2Stream stream)
    {
        stream.EndSent = true;
        if (stream.EndReceived)
        {
            RemoveStream(stream);
        }
    }

    private void RemoveStream(Http2Stream stream)
    {
        if (stream.InTable)
        {
            stream.InTable = false;
            _streams.Remove(stream.Id);
            ReleaseSlot();
        }
    }

    /// <summary>
    /// The consumer is done with the stream: unless both sides ended, RST_STREAM(<paramref name="code"/>) goes out;
    /// unread body bytes are given back to the connection window. Idempotent.
    /// </summary>
    public void Finish(Http2Stream stream, Http2ErrorCode code = Http2ErrorCode.Cancel)
    {
        var reset = false;
        lock (_lock)
        {
            if (stream.InTable)
            {
                reset = _closed is null;
                if (reset)
                {
                    var span = AppendFrame(Http2Protocol.RstStream, 0, stream.Id, 4);
                    BinaryPrimitives.WriteUInt32BigEndian(span, (uint)code);
                }

                RemoveStream(stream);
            }
        }

        var unread = stream.ReleaseBuffer();
        if (unread > 0)
        {
            Consumed(null, unread, 0);
        }

        if (reset)
        {
            Flush();
        }
    }

    /// <summary>
    /// Body bytes a consumer took: the connection window is given back half a window at a time; a stream window
    /// update (<paramref name="streamUpdate"/> &gt; 0) goes out at once while the stream is open.
    /// </summary>
    internal void Consumed(Http2Stream? stream, int bytes, int streamUpdate)
    {
        var connectionUpdate = 0;
        var unacked = Interlocked.Add(ref _unackedConsumed, bytes);
        if (unacked >= Options.ConnectionWindow / 2)
        {
            connectionUpdate = Interlocked.Exchange(ref _unackedConsumed, 0);
        }

        if (connectionUpdate == 0 && streamUpdate == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_closed is not null)
            {
                return;
            }

            if (connectionUpdate > 0)
            {
                Interlocked.Add(ref _receiveWindow, connectionUpdate);
                WriteWindowUpdate(0, connectionUpdate);
            }

            if (streamUpdate > 0 && stream is { InTable: true, EndReceived: false })
            {
                WriteWindowUpdate(stream.Id, streamUpdate);
            }
        }

        Flush();
    }

    private void WriteWindowUpdate(int streamId, int increment) =>
        BinaryPrimitives.WriteUInt32BigEndian(AppendFrame(Http2Protocol.WindowUpdate, 0, streamId, 4), (uint)increment);
}
