using System.Collections.Concurrent;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Portico.Cli.Run;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>
/// A gateway per test class, like <c>Support.GatewayFixture</c>, with the run options a telemetry test needs
/// (<see cref="Configure"/>) and a client for the admin API's <c>/metrics</c>.
/// </summary>
public abstract class TelemetryFixture : IAsyncLifetime
{
    private readonly List<TestBackend> _backends = [];
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private ManifestDirectory? _directory;
    private GatewayHost? _host;
    private HttpClient? _admin;

    public int Port { get; } = FreePorts.Next();

    internal GatewayHost Gateway => _host ?? throw new InvalidOperationException("The gateway is not started.");

    public HttpClient Admin => _admin ?? throw new InvalidOperationException("The gateway is not started.");

    public GrpcChannel Channel(string host) => _channels.GetOrAdd(host, h => GrpcClients.CreateChannel(Port, h));

    internal Task<Scrape> ScrapeAsync() => Scrape.FromAsync(Admin);

    public async Task InitializeAsync()
    {
        var manifests = await CreateManifestsAsync();
        _directory = ManifestDirectory.Create();
        _directory.Write("all.yaml", manifests);
        _host = await GatewayHost.StartAsync(
            Configure(new RunOptions
            {
                ConfigPaths = [_directory.Path],
                AdminAddress = "127.0.0.1:0",
                DefaultAddresses = ["127.0.0.1"],
                GracePeriod = TimeSpan.FromSeconds(1),
            }),
            NullLoggerProvider.Instance);
        _admin = new HttpClient { BaseAddress = _host.AdminUri };
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _admin?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Task.WhenAll(_backends.Select(b => b.DisposeAsync().AsTask()));
        _directory?.Dispose();
    }

    protected abstract Task<Manifests> CreateManifestsAsync();

    internal virtual RunOptions Configure(RunOptions options) => options;

    protected async Task<TestBackend[]> StartBackendsAsync(params string[] names)
    {
        var started = await TestBackend.StartManyAsync(names);
        _backends.AddRange(started);
        return started;
    }
}
