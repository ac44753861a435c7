using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Portico.EndToEnd.Tests.Support;

/// <summary>
/// An h2c server that accepts every request and never answers, ignoring <c>grpc-timeout</c> (unlike a real gRPC
/// server, which enforces the deadline itself). Whatever ends such a call must therefore be the gateway. It logs
/// the headers it received and counts requests the caller aborted. With request header
/// <c>x-stall-after-headers</c> it sends gRPC response headers first, then stalls.
/// </summary>
public sealed class StallingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _aborted;

    private StallingBackend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public int Aborted => Volatile.Read(ref _aborted);

    public static async Task<StallingBackend> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        var app = builder.Build();
        StallingBackend? self = null;
        app.Run(async context =>
        {
            self!.Requests.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal));
            if (context.Request.Headers.ContainsKey("x-stall-after-headers"))
            {
                context.Response.ContentType = "application/grpc";
                await context.Response.Body.FlushAsync();
            }

            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref self._aborted);
            }
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;
        self = new StallingBackend(app, port);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
