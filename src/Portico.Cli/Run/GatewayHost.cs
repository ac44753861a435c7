using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.ControlPlane.Loop;
using Portico.ControlPlane.Metrics;
using Portico.ControlPlane.Status;
using Portico.Files.Watching;
using Portico.Proxy;
using Portico.Proxy.Forwarding;
using Portico.Proxy.Listeners;
using Portico.Translation;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Cli.Run;

/// <summary>
/// A running gateway in this process: the admin API, the control loop and the data plane. <c>portico run</c>
/// starts one and waits for a signal; tests start one per fixture.
/// <code>
///  start: (1) admin host (DI, logging, forwarder) ─ (2) data plane ─ (3) control loop (first apply) ─ (4) ready
///  stop:  (1) cancel the loop ─ (2) data plane: stop accepting, drain in-flight calls (grace) ─ (3) admin host
/// </code>
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _admin;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private TracingExport? _tracing;
    private int _stopped;

    private GatewayHost(WebApplication admin, DataPlane dataPlane, StatusStore store)
    {
        _admin = admin;
        DataPlane = dataPlane;
        Store = store;
    }

    public DataPlane DataPlane { get; }

    public StatusStore Store { get; }

    /// <summary>The admin API's base address, e.g. <c>http://127.0.0.1:9901</c>.</summary>
    public Uri AdminUri { get; private set; } = new("http://127.0.0.1");

    public static async Task<GatewayHost> StartAsync(RunOptions options, ILoggerProvider? logs = null, CancellationToken cancellationToken = default)
    {
        // :: Step 1
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is null)
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            if (options.AccessLog == Proxy.Telemetry.AccessLogWriter.StandardOutput)
            {
                // stdout carries the access log's JSON lines alone.
                builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
        }
        else
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Error); // YARP logs every upstream failure; we report them as statuses.
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<StatusStore>();
        var admin = IPEndPoint.Parse(options.AdminAddress);
        builder.WebHost.ConfigureKestrel(k => k.Listen(admin));
        var app = builder.Build();
        var store = app.Services.GetRequiredService<StatusStore>();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();

        // :: Step 2
        var listenerOptions = new ListenerManagerOptions { DrainTimeout = options.GracePeriod };
        var dataPlane = new DataPlane(app.Services.GetRequiredService<IHttpForwarder>(),
            socketApp => new ListenerManager(socketApp, listenerOptions, loggerFactory, app.Services),
            new ProxyOptions
            {
                LoadBalancing = options.LoadBalancing,
                AccessLog = options.AccessLog,
                AccessLogSampleRate = options.AccessLogSampleRate,
                Tracing = options.OtlpEndpoint is not null,
                MaxGrpcMethodLabels = options.MaxGrpcMethodLabels,
                UpstreamMaxCalls = options.UpstreamMaxCalls,
                UpstreamStreamsPerConnection = options.UpstreamStreamsPerConnection,
                GrpcForwarder = options.GrpcForwarder,
                IdleStreamTimeout = options.StreamIdleTimeoutSeconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(options.StreamIdleTimeoutSeconds),
                UpstreamQueueTimeout = TimeSpan.FromSeconds(options.UpstreamQueueTimeoutSeconds),
            },
            loggerFactory);
        var host = new GatewayHost(app, dataPlane, store);
        try
        {
            if (options.OtlpEndpoint is { } otlp)
            {
                host._tracing = TracingExport.Start(new Uri(otlp), options.OtlpProtocol);
            }

            AdminApi.Map(app, host);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            host.AdminUri = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First());

            // :: Step 3
            var provider = new FileResourceProvider(options.ConfigPaths, TimeProvider.System, options.PollInterval);
            var loop = new ControlLoop(provider, dataPlane, store,
                new TranslatorOptions { ControllerName = options.ControllerName, DefaultAddresses = options.DefaultAddresses },
                new ControlLoopOptions(), TimeProvider.System, loggerFactory.CreateLogger<ControlLoop>(), new ControlPlaneMetrics(dataPlane.Metrics.Factory));
            host._loop = Task.Run(() => loop.RunAsync(host._stop.Token), CancellationToken.None);

            // :: Step 4 — the first configuration is applied before StartAsync returns.
            while (!store.Ready && !host._loop.IsCompleted)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }

            if (host._loop.IsFaulted)
            {
                await host._loop.ConfigureAwait(false); // surfaces the failure
            }
        }
        catch
        {
            // Cancelled (a signal during start-up) or failed: stop whatever already runs (admin API, loop, sockets).
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>True once shutdown has begun (readiness then reports 503 so load balancers stop sending).</summary>
    public bool Stopping => Volatile.Read(ref _stopped) == 1;

    /// <summary>Stops accepting, lets in-flight calls finish within the grace period, then stops.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // :: stop (1)–(3); a loop that failed must not keep the sockets open.
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            await DataPlane.DisposeAsync().ConfigureAwait(false);
            _tracing?.Dispose(); // exports the spans still batched
            await _admin.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Exports the spans batched so far (no-op without <c>--otlp-endpoint</c>).</summary>
    public bool FlushTraces(TimeSpan timeout) => _tracing?.ForceFlush(timeout) ?? true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
