using System.Collections.Immutable;
using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Portico.Proxy.Backends;
using Portico.Proxy.Compilation;
using Portico.Proxy.Forwarding;
using Portico.Proxy.Listeners;
using Portico.Proxy.Metrics;
using Portico.Proxy.Telemetry;
using Portico.Routing.DataPlane;
using Portico.Routing.Table;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy;

/// <summary>
/// The data plane: compiles each route table, swaps it in atomically, and reconciles the listening sockets.
/// <code>
///  ApplyAsync: (1) compile ─ (2) publish (Volatile.Write) ─ (3) reconcile sockets ─ (4) report bind failures
///  Request:    socket → current table → socket's listeners → ProxyHandler
/// </code>
/// A request captures the table once at its start, so a swap never changes a call in flight; a socket removed by
/// a swap drains with the last table it served.
/// </summary>
public sealed class DataPlane : IDataPlane, ISocketApplication, IAsyncDisposable
{
    private readonly TableCompiler _compiler;
    private readonly ProxyHandler _handler;
    private readonly HttpMessageInvoker _invoker;
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private CompiledTable _current = CompiledTable.Empty;

    // Sockets that later tables dropped, with what they served last: while a socket drains, requests still arriving on
    // its open connections are served by it. Kept until the socket has drained or is served again.
    private ImmutableDictionary<string, CompiledSocket> _retired = ImmutableDictionary<string, CompiledSocket>.Empty;
    private long _version;

    public DataPlane(IHttpForwarder forwarder, Func<ISocketApplication, ListenerManager> listeners, ProxyOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(forwarder);
        ArgumentNullException.ThrowIfNull(listeners);
        Options = options ?? new ProxyOptions();
        Metrics = new ProxyMetrics(Options.MaxGrpcMethodLabels);
        AccessLog = Options.AccessLog is { } target
            ? new AccessLogWriter(target, Options.AccessLogSampleRate, Options.AccessLogQueueCapacity, Metrics, loggerFactory?.CreateLogger<AccessLogWriter>())
            : null;
        _invoker = UpstreamClient.Create(Options);
        _compiler = new TableCompiler(new EndpointRegistry(Options.UpstreamMaxCalls > 0 ? () => new Admission.ForwardQueue(Options.UpstreamMaxCalls, Options.UpstreamQueueTimeout, Metrics.Queue) : null), new CertificateCache(), Options.LoadBalancing);
        _handler = new ProxyHandler(forwarder, _invoker, Options, new CallObserver(Metrics, Options, AccessLog));
        Listeners = listeners(this);
    }

    public ProxyOptions Options { get; }

    public ProxyMetrics Metrics { get; }

    /// <summary>The access log writer, or null when the access log is off.</summary>
    public AccessLogWriter? AccessLog { get; }

    public ListenerManager Listeners { get; }

    /// <summary>The table being served.</summary>
    public RouteTable Current => Volatile.Read(ref _current).Source;

    public async Task<DataPlaneApplyResult> ApplyAsync(RouteTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await _applyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // :: Step 1, 2
            var compiled = _compiler.Compile(table, Interlocked.Increment(ref _version));

            var previous = Volatile.Read(ref _current);
            Volatile.Write(ref _retired, Volatile.Read(ref _retired)
                .RemoveRange(compiled.Sockets.Keys)
                .SetItems(previous.Sockets.Where(s => !compiled.Sockets.ContainsKey(s.Key))));
            Volatile.Write(ref _current, compiled);
            Metrics.SetEndpoints(compiled.Backends.Values.Select(b => b.Config));

            // :: Step 3
            var errors = await Listeners.ReconcileAsync([.. compiled.Sockets.Values.Select(s => s.Spec)], cancellationToken).ConfigureAwait(false);
            var retired = Volatile.Read(ref _retired);
            Volatile.Write(ref _retired, retired.RemoveRange(retired.Keys.Where(k => !Listeners.IsDraining(k)).ToList()));

            // :: Step 4
            var failed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, error) in errors)
            {
                if (compiled.Sockets.TryGetValue(key, out var socket))
                {
                    foreach (var l in socket.Listeners)
                    {
                        failed[l.Config.Id] = error;
                    }
                }
            }

            return failed.Count == 0 ? DataPlaneApplyResult.Success : new DataPlaneApplyResult { FailedListeners = failed };
        }
        finally
        {
            _applyLock.Release();
        }
    }

    Task ISocketApplication.HandleAsync(HttpContext context, SocketSpec socket)
    {
        // :: Request — one volatile read; the rest of the call uses this table.
        return _handler.HandleAsync(context, Serving(socket));
    }

    SslServerAuthenticationOptions? ISocketApplication.SelectTls(SocketSpec socket, string? serverName)
    {
        return Serving(socket)?.SelectTls(serverName);
    }

    /// <summary>What a socket serves now: its part of the current table, or of the last table that had it while it drains.</summary>
    private CompiledSocket? Serving(SocketSpec socket) =>
        Volatile.Read(ref _current).Sockets.TryGetValue(socket.Key, out var s) ? s : Volatile.Read(ref _retired).GetValueOrDefault(socket.Key);

    public async ValueTask DisposeAsync()
    {
        await Listeners.DisposeAsync().ConfigureAwait(false);
        if (AccessLog is not null)
        {
            await AccessLog.DisposeAsync().ConfigureAwait(false); // after the drain: in-flight calls' lines are written
        }

        _invoker.Dispose();
        _applyLock.Dispose();
    }
}
