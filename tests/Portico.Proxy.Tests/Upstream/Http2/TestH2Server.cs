using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>A real Kestrel h2c (prior knowledge) server on 127.0.0.1 running one request delegate.</summary>
internal sealed class TestH2Server : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestH2Server(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public static async Task<TestH2Server> StartAsync(RequestDelegate handler, Action<KestrelServerLimits>? limits = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
            limits?.Invoke(k.Limits);
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestH2Server(app, new Uri(address).Port);
    }

    /// <summary>Graceful stop: Kestrel sends GOAWAY and waits (up to <paramref name="timeout"/>) for requests in flight.</summary>
    public Task StopAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return _app.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
