using System.Net;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// The h2c connections to one endpoint. Opened lazily; a stream goes on the first connection below the server's
/// MAX_CONCURRENT_STREAMS, and a new connection is opened (one at a time; callers waiting share it) when all are
/// full. Connections that fail or receive GOAWAY leave the pool at once; idle ones are closed after
/// <see cref="Http2ClientOptions.IdleTimeout"/>. <see cref="Dispose"/> (the endpoint was forgotten) closes idle
/// connections and lets busy ones finish their streams; a pool disposed while a draining table still uses it keeps
/// working, each connection closing when it goes idle.
/// </summary>
internal sealed class Http2ConnectionPool : IDisposable
{
    /// <summary>New connections offering no stream at all (limit 0, or going away at once) one call may see before it gives up.</summary>
    private const int MaxConnectAttempts = 4;

    private readonly EndPoint _endpoint;
    private readonly Http2ClientOptions _options;
    private readonly Lock _lock = new();
    private readonly Action<Http2Connection> _onClosed;
    private Http2Connection[] _connections = [];
    private Task<Http2Connection>? _connecting;
    private Timer? _idleTimer;
    private bool _disposed;

    public Http2ConnectionPool(EndPoint endpoint, Http2ClientOptions options)
    {
        _endpoint = endpoint;
        _options = options;
        _onClosed = Remove;
    }

    /// <summary>Open connections (tests, diagnostics).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections).Length;

    /// <summary>A connection with a stream slot reserved for the caller (give it back through the stream or <see cref="Http2Connection.Unreserve"/>).</summary>
    public ValueTask<Http2Connection> AcquireAsync(CancellationToken cancellationToken)
    {
        foreach (var c in Volatile.Read(ref _connections))
        {
            if (c.TryReserve())
            {
                return new ValueTask<Http2Connection>(c);
            }
        }

        return AcquireSlowAsync(cancellationToken);
    }

    private async ValueTask<Http2Connection> AcquireSlowAsync(CancellationToken cancellationToken)
    {
        for (var unusable = 0; ;)
        {
            if (unusable == MaxConnectAttempts)
            {
                // Each new connection offered no stream (a server allowing none, e.g. while it shuts down).
                throw new Http2Exception($"no stream slot on {MaxConnectAttempts} new connections to {_endpoint}", retryable: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Task<Http2Connection> connecting;
            lock (_lock)
            {
                foreach (var c in _connections)
                {
                    if (c.TryReserve())
                    {
                        return c;
                    }
                }

                connecting = _connecting ??= ConnectAsync();
            }

            var connection = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (connection.TryReserve())
            {
                return connection;
            }

            // Slots taken by the other callers waiting for the same connection do not count: the next round opens
            // another one (bounded by the caller's cancellation); only a connection with no slot at all does.
            if (connection.MaxConcurrentStreams == 0 || connection.IsDraining)
            {
                unusable++;
            }
        }
    }

    private async Task<Http2Connection> ConnectAsync()
    {
        await Task.Yield(); // never connect under the caller's lock
        try
        {
            var connection = await Http2Connection.ConnectAsync(_endpoint, _options, _onClosed, CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                if (!connection.IsDraining)
                {
                    _connections = [.. _connections, connection];
                }

                if (_disposed)
                {
                    connection.CloseAfterLastStream();
                }
                else
                {
                    _idleTimer ??= new Timer(static p => ((Http2ConnectionPool)p!).Tick(), this, _options.KeepAliveInterval, _options.KeepAliveInterval);
                }

                _connecting = null;
            }

            return connection;
        }
        catch
        {
            lock (_lock)
            {
                _connecting = null;
            }

            throw;
        }
    }

    private void Remove(Http2Connection connection)
    {
        lock (_lock)
        {
            var i = Array.IndexOf(_connections, connection);
            if (i >= 0)
            {
                _connections = [.. _connections[..i], .. _connections[(i + 1)..]];
            }
        }
    }

    /// <summary>Every <see cref="Http2ClientOptions.KeepAliveInterval"/>: idle connections close, busy ones are pinged.</summary>
    private void Tick()
    {
        foreach (var c in Volatile.Read(ref _connections))
        {
            var idle = c.IdleMilliseconds;
            if (idle >= (long)_options.IdleTimeout.TotalMilliseconds)
            {
                c.CloseWhenIdle();
            }
            else if (idle < 0)
            {
                c.KeepAlive();
            }
        }
    }

    public void Dispose()
    {
        Http2Connection[] connections;
        lock (_lock)
        {
            _disposed = true;
            connections = _connections;
            _idleTimer?.Dispose();
            _idleTimer = null;
        }

        foreach (var c in connections)
        {
            c.CloseAfterLastStream();
            if (c.IdleMilliseconds >= 0)
            {
                c.CloseWhenIdle();
            }
        }
    }
}
