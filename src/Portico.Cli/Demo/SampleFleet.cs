using Portico.Samples;

namespace Portico.Cli.Demo;

/// <summary>The running sample instances, one per <see cref="SampleEndpoint"/>; all started, or none.</summary>
internal sealed class SampleFleet : IAsyncDisposable
{
    // The walkthrough's ports (50051, 50062-50070) lie in Linux's ephemeral range, so a client socket or a server
    // on port 0 elsewhere on the machine may hold one for a moment; a few retries ride that out. A port held for
    // longer (another demo) still fails, after about two seconds.
    private const int BindAttempts = 8;
    private static readonly TimeSpan BindRetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly List<SampleServer> _servers;

    private SampleFleet(List<SampleServer> servers) => _servers = servers;

    public IReadOnlyList<SampleServer> Servers => _servers;

    /// <exception cref="DemoStartException">An instance could not start (its port is taken, typically).</exception>
    public static async Task<SampleFleet> StartAsync(IReadOnlyList<SampleEndpoint> endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var starts = endpoints.Select(e => StartOneAsync(e, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch (Exception) when (starts.Any(s => s.IsFaulted))
        {
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync().ConfigureAwait(false);
            }

            var failures = endpoints.Zip(starts).Where(p => p.Second.IsFaulted)
                .Select(p => $"{p.First.Service} on {p.First.EndPointText}: {p.Second.Exception!.GetBaseException().Message}");
            throw new DemoStartException("cannot start sample instance(s) (is another portico demo running?): " + string.Join("; ", failures));
        }

        return new SampleFleet([.. starts.Select(s => s.Result)]);
    }

    private static async Task<SampleServer> StartOneAsync(SampleEndpoint endpoint, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SampleServer.StartAsync(endpoint.InstanceName, endpoint.Address, endpoint.Port, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (attempt < BindAttempts)
            {
                await Task.Delay(BindRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_servers.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        _servers.Clear();
    }
}
