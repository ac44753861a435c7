using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portico.Proxy.Listeners;

/// <summary>
/// Owns the listening sockets: one Kestrel server per socket, so that adding or removing one never touches the
/// others. <see cref="ReconcileAsync"/> binds new sockets, leaves unchanged ones alone and drains removed ones.
/// </summary>
public sealed class ListenerManager : IAsyncDisposable
{
    // A socket that switches TLS on or off is stopped and bound again on the same port. Stopping releases the port
    // almost at once, but not synchronously in every case, so the new bind retries briefly before reporting it.
    private static readonly TimeSpan RebindPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RebindInterval = TimeSpan.FromMilliseconds(50);

    private readonly ListenerManagerOptions _options;
    private readonly ILogger _logger;
    private readonly SocketServerFactory _factory;

    // Serializes reconciles and shutdown; every field below is only touched while holding it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, RunningSocket> _running = new(StringComparer.Ordinal);
    private readonly List<(string Key, Task Drain)> _drains = [];
    private bool _disposed;

    /// <param name="application">Handles requests and chooses TLS certificates for every socket.</param>
    /// <param name="options">Per-socket server settings; validated here. Null means the defaults.</param>
    /// <param name="loggerFactory">For the listener events and Kestrel's own logs. Null means no logging.</param>
    /// <param name="services">
    /// The root of <c>HttpContext.RequestServices</c>; it needs the options services (any ASP.NET Core host's
    /// container has them). Null means a minimal private container.
    /// </param>
    public ListenerManager(ISocketApplication application, ListenerManagerOptions? options = null,
        ILoggerFactory? loggerFactory = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        _options = options ?? new ListenerManagerOptions();
        _options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ListenerManager>();
        _factory = new SocketServerFactory(application, _options, loggerFactory, _logger, services);
    }

    /// <summary>Makes the bound sockets equal <paramref name="sockets"/>.</summary>
    /// <remarks>
    /// Unchanged sockets (same key and TLS flag) keep their server and connections. Removed or changed ones stop
    /// accepting at once and drain in the background for up to <see cref="ListenerManagerOptions.DrainTimeout"/>;
    /// this call does not wait for that. Sockets that fail to bind are reported, not thrown, and tried again by the
    /// next call that still lists them.
    /// </remarks>
    /// <returns>Socket key → bind error, for the sockets that could not be bound.</returns>
    public async Task<IReadOnlyDictionary<string, string>> ReconcileAsync(IReadOnlyList<SocketSpec> sockets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            var desired = Resolve(sockets, errors);

            // Stop first, so that a socket whose TLS flag changed can be bound again on the same port below.
            foreach (var running in _running.Values.ToList())
            {
                if (!desired.TryGetValue(running.Spec.Key, out var wanted) || wanted.Spec != running.Spec)
                {
                    _running.Remove(running.Spec.Key);
                    BeginDrain(running);
                }
            }

            foreach (var (key, wanted) in desired)
            {
                if (!_running.ContainsKey(key) && await StartAsync(wanted.Spec, wanted.Address, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    errors[key] = error;
                }
            }

            return errors;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops every socket: each stops accepting, in-flight requests get up to the drain timeout, then the rest are
    /// aborted. Waits for all drains, including those of sockets removed earlier.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var running in _running.Values)
            {
                BeginDrain(running);
            }

            _running.Clear();
            await Task.WhenAll(_drains.Select(drain => drain.Drain)).ConfigureAwait(false);
            lock (_drains)
            {
                _drains.Clear();
            }
            await _factory.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Test hook: the server currently bound for <paramref name="socketKey"/>, to prove it was left alone.</summary>
    internal async Task<object?> GetServerAsync(string socketKey)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _running.TryGetValue(socketKey, out var running) ? running.Server : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Dictionary<string, (SocketSpec Spec, IPAddress Address)> Resolve(IReadOnlyList<SocketSpec> sockets, Dictionary<string, string> errors)
    {
        var desired = new Dictionary<string, (SocketSpec Spec, IPAddress Address)>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var socket in sockets)
        {
            var key = socket.Key;
            string? error = null;
            if (!IPAddress.TryParse(socket.Address, out var address))
            {
                error = $"{key}: not an IP address";
            }
            else if (socket.Port is < 1 or > 65535)
            {
                error = $"{key}: port must be between 1 and 65535";
            }
            else if (desired.TryGetValue(key, out var other) && other.Spec.Tls != socket.Tls)
            {
                // One port cannot be both; neither is bound until the caller resolves the conflict.
                error = $"{key}: requested both with and without TLS";
                conflicting.Add(key);
            }

            if (error is not null)
            {
                errors[key] = error;
                ListenerLog.SocketRejected(_logger, key, error);
            }
            else if (!conflicting.Contains(key))
            {
                desired[key] = (socket, address!);
            }
        }

        foreach (var key in conflicting)
        {
            desired.Remove(key);
        }

        return desired;
    }

    private async Task<string?> StartAsync(SocketSpec socket, IPAddress address, CancellationToken cancellationToken)
    {
        var patience = Stopwatch.StartNew();
        while (true)
        {
            var server = _factory.CreateServer(socket, address);
            try
            {
                await server.StartAsync(_factory.CreateApplication(socket), cancellationToken).ConfigureAwait(false);
                _running[socket.Key] = new RunningSocket(socket, server);
                ListenerLog.SocketBound(_logger, socket.Key, socket.Tls ? "TLS" : "cleartext HTTP/1.1 + h2c");
                return null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DisposeQuietly(server);
                if (BindErrors.IsAddressInUse(exception) && IsDraining(socket.Key) && patience.Elapsed < RebindPatience)
                {
                    await Task.Delay(RebindInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var error = BindErrors.Describe(socket.Key, exception);
                ListenerLog.SocketBindFailed(_logger, socket.Key, error, exception);
                return error;
            }
            catch
            {
                DisposeQuietly(server);
                throw;
            }
        }
    }

    private void BeginDrain(RunningSocket running)
    {
        ListenerLog.SocketDraining(_logger, running.Spec.Key, _options.DrainTimeout.TotalSeconds);
        // Started inline: Kestrel unbinds the port before its first real await, so new connections are refused
        // (and the port is free for a rebind) by the time ReconcileAsync moves on.
        var drain = DrainAsync(running);
        lock (_drains)
        {
            _drains.RemoveAll(d => d.Drain.IsCompleted);
            _drains.Add((running.Spec.Key, drain));
        }
    }

    private async Task DrainAsync(RunningSocket running)
    {
        var elapsed = Stopwatch.StartNew();
        using var grace = new CancellationTokenSource(_options.DrainTimeout);
        try
        {
            // Kestrel stops accepting, lets requests finish (GOAWAY on HTTP/2, close after the response on
            // HTTP/1.1) until the token fires, then aborts what is left.
            await running.Server.StopAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ListenerLog.SocketStopFailed(_logger, running.Spec.Key, exception);
        }

        DisposeQuietly(running.Server);
        ListenerLog.SocketStopped(_logger, running.Spec.Key, elapsed.ElapsedMilliseconds);
    }

    /// <summary>Whether a removed socket with this key still drains (its open connections may bring requests). Any thread.</summary>
    public bool IsDraining(string socketKey)
    {
        lock (_drains)
        {
            return _drains.Exists(drain => drain.Key == socketKey && !drain.Drain.IsCompleted);
        }
    }

    private void DisposeQuietly(KestrelServer server)
    {
        try
        {
            server.Dispose();
        }
        catch (Exception exception)
        {
            ListenerLog.SocketStopFailed(_logger, "(disposing server)", exception);
        }
    }
}
