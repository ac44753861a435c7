using Grpc.Net.Client;

namespace Portico.Cli.Demo.Verify;

/// <summary>What every group of checks shares: the running demo, the report, and channels to its listeners (reused per target).</summary>
internal sealed class VerifyContext(DemoSession session, VerifyReport report, CancellationToken cancellationToken) : IDisposable
{
    private readonly Dictionary<(string, string, string), GrpcChannel> _channels = [];

    public DemoSession Session { get; } = session;

    public VerifyReport Report { get; } = report;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public StatusView Status => new(Session.Gateway.Store.Current.Status);

    public ListenerTarget? Listener(string gateway, string listener) =>
        Session.Listeners.FirstOrDefault(l => l.Gateway == gateway && l.Listener == listener);

    /// <summary>A channel through <paramref name="gateway"/>'s listener with <paramref name="host"/> as authority and SNI; null when there is no such listener.</summary>
    public GrpcChannel? Channel(string gateway, string listener, string host)
    {
        var key = (gateway, listener, host);
        if (!_channels.TryGetValue(key, out var channel) && Listener(gateway, listener) is { } target)
        {
            _channels[key] = channel = DemoChannels.Create(target, host, Session.Trusted);
        }

        return channel;
    }

    /// <summary>Reports a failed check for a listener the configuration lacks.</summary>
    public void MissingListener(string check, string expected, string gateway, string listener) =>
        Report.Add(check, expected, $"no listener {listener} on Gateway {gateway}", passed: false);

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }
}
