using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// One h2c connection to a backend (RFC 9113, prior knowledge): many streams, one reader loop, and coalesced writes.
/// Parts: this file (setup, slots, keep-alive, closing), <c>.Streams</c> (HEADERS/DATA out, stream end, windows back),
/// <c>.Writer</c> (the write buffer and its sends), <c>.Reader</c> (the read loop, DATA, HEADERS/CONTINUATION),
/// <c>.ControlFrames</c> (RST_STREAM, SETTINGS, PING, GOAWAY, WINDOW_UPDATE).
/// <code>
///  writes ── every frame is appended to one pooled buffer under the connection lock; Flush() sends it, from the
///            flushing thread when no send is running, else the running send takes it next: frames of many
///            streams leave in one syscall, and a unary request (HEADERS + DATA + END_STREAM) in one
///  reads ─── one loop parses frames, hands DATA to its stream, and wakes each stream's consumer once per read
///  windows ─ send: the server's stream and connection windows (callers wait for WINDOW_UPDATE);
///            receive: a stream's window is given back as its consumer reads, the connection's as DATA is taken
///            into a stream's buffer (half a window at a time each), so an unread stream never stalls the others
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

    // Streams waiting for the connection send window, in arrival order (see Http2Connection.Streams: TryWriteData),
    // and the part of the window granted to streams and not sent yet (still the peer's window: its overflow check).
    private readonly Queue<Http2Stream> _windowWaiters = new();
    private int _grantedWindow;
    private int _peerInitialWindow = Http2Protocol.DefaultWindowSize;
    private int _peerMaxFrameSize = Http2Protocol.DefaultMaxFrameSize;
    private int _peerMaxConcurrent;
    private bool _goingAway;
    private bool _closeWhenIdle;
    private Exception? _closed;
    private long _idleSince = Environment.TickCount64;
    private bool _pingOutstanding;

    private int _receiveWindow; // reader loop: the connection window we gave, minus DATA received
    private int _connectionUnacked; // reader loop: DATA received and not yet given back to the connection window

    public Http2Connection(Socket socket, Http2ClientOptions options, Action<Http2Connection>? onClosed = null)
    {
        _socket = socket;
        Options = options;
        _onClosed = onClosed;
        _peerMaxConcurrent = Math.Min(options.AssumedMaxConcurrentStreams, options.MaxStreamsPerConnection);
        _decoder = new HpackDecoder(4096, options.MaxHeaderListSize);
        _receiveWindow = options.ConnectionWindow;
    }

    public Http2ClientOptions Options { get; }

    /// <summary>True once the connection failed, was closed, or the server sent GOAWAY.</summary>
    public bool IsDraining { get { lock (_lock) { return _goingAway || _closed is not null; } } }

    public bool IsClosed { get { lock (_lock) { return _closed is not null; } } }

    /// <summary>Completes when the connection has ended (closed, lost, or failed).</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// The server's SETTINGS_MAX_CONCURRENT_STREAMS (or the assumed value until it is known), capped by
    /// <see cref="Http2ClientOptions.MaxStreamsPerConnection"/>.
    /// </summary>
    public int MaxConcurrentStreams { get { lock (_lock) { return _peerMaxConcurrent; } } }

    /// <summary>Streams reserved or open.</summary>
    public int ActiveStreams { get { lock (_lock) { return _reserved; } } }

    /// <summary>
    /// A TCP self-connect: with nothing listening on a local port in the ephemeral range, the kernel may pick that
    /// same port as the source of the connect, and the SYN meets itself (simultaneous open). The "connection" would
    /// read its own preface, and while it lives it holds the port the backend needs to restart on. Go's dialer checks
    /// for this too.
    /// </summary>
    internal static bool IsConnectedToItself(Socket socket) =>
        socket.LocalEndPoint is System.Net.IPEndPoint local && socket.RemoteEndPoint is System.Net.IPEndPoint remote
        && local.Port == remote.Port && local.Address.Equals(remote.Address);

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

            if (IsConnectedToItself(socket))
            {
                throw new Http2Exception($"connect to {endpoint} reached itself: nothing listens there", retryable: true);
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
    public void Close() =>
        GoAwayAndAbort(Http2ErrorCode.NoError, new Http2Exception("the upstream connection was closed by the gateway", retryable: true));

    /// <summary>GOAWAY with <paramref name="code"/> (last stream id 0: we accept no pushed streams), then the connection ends once that is written.</summary>
    private void GoAwayAndAbort(Http2ErrorCode code, Exception reason)
    {
        lock (_lock)
        {
            if (_closed is null)
            {
                var span = AppendFrame(Http2Protocol.GoAway, 0, 0, 8);
                BinaryPrimitives.WriteUInt32BigEndian(span, 0);
                BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)code);
            }
        }

        Flush();
        Abort(reason, waitForSend: true);
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
                // Going away under the lock: no stream may be reserved or sent before the queued Close() runs.
                _closeWhenIdle = true;
                _goingAway = true;
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
}
