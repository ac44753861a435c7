using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Portico.Testing;

/// <summary>
/// A real Kestrel server on a loopback port serving the <c>portico.test</c> gRPC services, a catch-all JSON
/// HTTP endpoint and <c>grpc.health.v1</c>. Every reply names the backend (<see cref="Name"/>) and echoes
/// what it received, so gateway tests can tell which backend answered and what the gateway sent it.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    /// <summary>Response header carrying the backend's name on every response (gRPC and HTTP).</summary>
    public const string ServerHeader = "x-portico-backend";

    private static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(5);
    private static readonly string[] GrpcServices = ["", "portico.test.Echo", "portico.test.Other", "portico.test.Anchor"];

    private readonly WebApplication _app;
    private readonly BackendState _state;
    private int _stopped;

    private TestBackend(WebApplication app, BackendState state, int port)
    {
        _app = app;
        _state = state;
        Port = port;
        Health = app.Services.GetRequiredService<HealthServiceImpl>();
    }

    public string Name => _state.Name;

    /// <summary>Always a loopback address (127.0.0.1 unless the options chose another).</summary>
    public IPAddress Address => _state.Options.Address;

    public int Port { get; }

    public BackendProtocol Protocol => _state.Options.Protocol;

    public bool UsesTls => _state.Options.Certificate is not null;

    /// <summary><c>address:port</c>.</summary>
    public string Endpoint => $"{Address}:{Port}";

    /// <summary><c>http://127.0.0.1:port/</c> (https with TLS).</summary>
    public Uri BaseAddress => new($"{(UsesTls ? "https" : "http")}://{Endpoint}/");

    /// <summary>The <c>grpc.health.v1</c> implementation; every service starts SERVING.</summary>
    public HealthServiceImpl Health { get; }

    /// <summary>Requests received (gRPC + HTTP), health probes excluded.</summary>
    public long CallsReceived => _state.Calls;

    public long GrpcCallsReceived => _state.GrpcCalls;

    public long HttpRequestsReceived => _state.HttpRequests;

    /// <summary>Calls that ended because the client cancelled, reset or hit a deadline while the backend was waiting.</summary>
    public long CancellationsObserved => _state.Cancellations;

    public long HealthChecksReceived => _state.HealthChecks;

    /// <summary>Requests in progress right now.</summary>
    public long ActiveCalls => _state.Active;

    /// <summary>TCP connections accepted since start (or the last <see cref="ResetCounters"/>).</summary>
    public long ConnectionsAccepted => _state.Connections;

    public long OpenConnections => _state.OpenConnections;

    /// <summary>Recent requests, oldest first (health probes excluded).</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _state.Requests;

    /// <summary>When set, every gRPC call (health excluded) fails with this status.</summary>
    public StatusCode? ForcedGrpcStatus
    {
        get => _state.ForcedGrpcStatus;
        set => _state.ForcedGrpcStatus = value;
    }

    /// <summary>When set, every plain HTTP request answers with this status.</summary>
    public int? ForcedHttpStatus
    {
        get => _state.ForcedHttpStatus;
        set => _state.ForcedHttpStatus = value;
    }

    /// <summary>Starts a backend named <paramref name="name"/>; it is listening when the task completes.</summary>
    public static async Task<TestBackend> StartAsync(string name, TestBackendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new TestBackendOptions();
        if (!IPAddress.IsLoopback(options.Address))
        {
            throw new ArgumentException("Test backends listen on loopback addresses only.", nameof(options));
        }

        var state = new BackendState(name, options);
        var app = BuildApp(state);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            var port = new Uri(addresses.Addresses.First()).Port;
            var backend = new TestBackend(app, state, port);
            foreach (var service in GrpcServices)
            {
                backend.Health.SetStatus(service, HealthCheckResponse.Types.ServingStatus.Serving);
            }

            return backend;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one backend per name, in parallel, all with the same options.</summary>
    public static async Task<TestBackend[]> StartManyAsync(IEnumerable<string> names, TestBackendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var starts = names.Select(n => StartAsync(n, options, cancellationToken)).ToArray();
        try
        {
            return await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            foreach (var started in starts.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <inheritdoc cref="StartManyAsync(IEnumerable{string}, TestBackendOptions?, CancellationToken)"/>
    public static Task<TestBackend[]> StartManyAsync(params string[] names) => StartManyAsync(names, null, CancellationToken.None);

    /// <summary>Sets the health status of <paramref name="service"/> ("" is the whole server).</summary>
    public void SetHealth(HealthCheckResponse.Types.ServingStatus status, string service = "") => Health.SetStatus(service, status);

    /// <summary>Zeroes the counters and clears <see cref="Requests"/> (active and open counts are live values and stay).</summary>
    public void ResetCounters() => _state.Reset();

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 5 s).</summary>
    public async Task WaitUntilAsync(Func<TestBackend, bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultDrain);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Backend {Name}: condition not met (calls {CallsReceived}, cancellations {CancellationsObserved}).");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting connections and lets in-flight calls finish for up to <paramref name="drain"/> (default 5 s), then aborts them.</summary>
    public async Task StopAsync(TimeSpan? drain = null)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        using var cts = new CancellationTokenSource(drain ?? DefaultDrain);
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
    }

    /// <summary>Stops at once, aborting open connections and calls, as if the backend process died.</summary>
    public Task AbortAsync() => StopAsync(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"{Name} ({Endpoint})";

    private static WebApplication BuildApp(BackendState state)
    {
        var options = state.Options;

        // The empty builder reads no configuration files or environment, so nothing (ASPNETCORE_URLS, file watchers,
        // logging providers) leaks in from the machine; tests stay quiet and independent of the environment.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Portico.Testing.Backend" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                listen.Protocols = options.Protocol switch
                {
                    BackendProtocol.Http1 => HttpProtocols.Http1,
                    BackendProtocol.Http1AndHttp2 => HttpProtocols.Http1AndHttp2,
                    _ => HttpProtocols.Http2,
                };
                listen.Use(next => async connection =>
                {
                    state.ConnectionOpened();
                    try
                    {
                        await next(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        state.ConnectionClosed();
                    }
                });
                if (options.Certificate is { } certificate)
                {
                    // A selector makes SslStream parse the ClientHello's SNI, which a fixed certificate skips;
                    // the request log needs it to show which server name the gateway sent.
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificate);
                }
            });
        });

        builder.Services.AddLogging();
        builder.Services.AddRouting();
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<HealthServiceImpl>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = true;
            // Large enough that the gateway's own limits, not the backend's, decide size tests.
            grpc.MaxReceiveMessageSize = 64 * 1024 * 1024;
            grpc.Interceptors.Add<BackendInterceptor>();
        });

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal))
            {
                state.HealthCheckReceived();
                await next(context).ConfigureAwait(false);
                return;
            }

            state.RequestStarted(RequestSnapshot.Capture(context));
            context.Response.Headers[ServerHeader] = state.Name;
            foreach (var (key, value) in options.ResponseHeaders)
            {
                context.Response.Headers.Append(key, value);
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                state.RequestEnded();
            }
        });
        app.MapGrpcService<EchoService>();
        app.MapGrpcService<OtherService>();
        app.MapGrpcService<AnchorService>();
        app.MapGrpcService<HealthServiceImpl>();
        app.Map("/{**path}", HttpEchoEndpoint.HandleAsync);
        return app;
    }
}
