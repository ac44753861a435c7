using System.Collections.Concurrent;
using System.Text;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Portico.Cli.Run;
using Portico.Model.GatewayApi;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Support;

/// <summary>
/// One in-process gateway for a whole test class: derived fixtures start their backends and return the manifests;
/// the gateway is started on them once, and every test of the class shares it (tests of one class run one at a
/// time, so backend counters can be compared before/after a call). Fails fast when a route is not accepted, so a
/// typo in a manifest shows up as such rather than as a puzzling UNIMPLEMENTED.
/// </summary>
public abstract class GatewayFixture : IAsyncLifetime
{
    private readonly List<TestBackend> _backends = [];
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private ManifestDirectory? _directory;
    private GatewayHost? _host;

    /// <summary>The main listener port (fixtures may allocate more).</summary>
    public int Port { get; } = FreePorts.Next();

    internal GatewayHost Gateway => _host ?? throw new InvalidOperationException("The gateway is not started.");

    /// <summary>A shared h2c channel to <see cref="Port"/> with authority <c>host:port</c>.</summary>
    public GrpcChannel Channel(string host) => Channel(Port, host);

    public GrpcChannel Channel(int port, string host) =>
        _channels.GetOrAdd($"{host}:{port}", _ => GrpcClients.CreateChannel(port, host));

    public async Task InitializeAsync()
    {
        var manifests = await CreateManifestsAsync();
        _directory = ManifestDirectory.Create();
        _directory.Write("all.yaml", manifests);
        _host = await GatewayHost.StartAsync(
            new RunOptions
            {
                ConfigPaths = [_directory.Path],
                AdminAddress = "127.0.0.1:0",
                DefaultAddresses = ["127.0.0.1"],
                GracePeriod = TimeSpan.FromSeconds(1),
            },
            NullLoggerProvider.Instance);
        CheckAccepted();
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        foreach (var d in _disposables)
        {
            await d.DisposeAsync();
        }

        await Task.WhenAll(_backends.Select(b => b.DisposeAsync().AsTask()));
        _directory?.Dispose();
    }

    /// <summary>Starts the backends and returns everything the gateway should load.</summary>
    protected abstract Task<Manifests> CreateManifestsAsync();

    /// <summary>Starts backends (in parallel) that live as long as the fixture.</summary>
    protected async Task<TestBackend[]> StartBackendsAsync(TestBackendOptions? options, params string[] names)
    {
        var started = await TestBackend.StartManyAsync(names, options);
        lock (_backends)
        {
            _backends.AddRange(started);
        }

        return started;
    }

    protected Task<TestBackend[]> StartBackendsAsync(params string[] names) => StartBackendsAsync(null, names);

    /// <summary>Disposed with the fixture, after the gateway.</summary>
    protected T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private void CheckAccepted()
    {
        var snapshot = Gateway.Store.Current;
        var problems = new StringBuilder();
        foreach (var p in snapshot.Problems)
        {
            problems.AppendLine(p);
        }

        foreach (var item in snapshot.Status.Items)
        {
            if (item.Status is not RouteStatus route)
            {
                continue;
            }

            foreach (var parent in route.Parents)
            {
                var accepted = parent.Conditions.FirstOrDefault(c => c.Type == "Accepted");
                if (accepted is null || accepted.Status != "True")
                {
                    problems.AppendLine($"{item.Kind} {item.Metadata.Namespace}/{item.Metadata.Name} → {parent.ParentRef.Name}: " +
                        string.Join("; ", parent.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}")));
                }
            }
        }

        if (problems.Length > 0)
        {
            throw new InvalidOperationException("The test configuration was not accepted:\n" + problems);
        }
    }
}
