using Portico.Routing.Backends;

namespace Portico.Proxy.Backends;

/// <summary>
/// One backend in one table version: its protocol and ready endpoints. Picks an endpoint per call, so HTTP/2
/// calls are balanced per call, not per connection. Lock-free.
/// </summary>
internal sealed class BackendPool
{
    private readonly EndpointState[] _ready;
    private readonly LoadBalancingPolicy _policy;
    private int _next = -1;

    public BackendPool(BackendConfig config, EndpointRegistry registry, LoadBalancingPolicy policy)
    {
        Config = config;
        _policy = policy;
        _ready = [.. config.Endpoints.Where(e => e.Ready).Select(e => registry.Get(e.Address, e.Port))];
    }

    public BackendConfig Config { get; }

    public string Id => Config.Id;

    public bool IsH2c => Config.Protocol == BackendProtocol.H2c;

    public int ReadyCount => _ready.Length;

    /// <summary>An endpoint for one call, or null when none is ready.</summary>
    public EndpointState? Pick()
    {
        var ready = _ready;
        switch (ready.Length)
        {
            case 0:
                return null;
            case 1:
                return ready[0];
        }

        if (_policy == LoadBalancingPolicy.LeastRequest)
        {
            var a = ready[Random.Shared.Next(ready.Length)];
            var b = ready[Random.Shared.Next(ready.Length)];
            return b.Outstanding < a.Outstanding ? b : a;
        }

        var i = (uint)Interlocked.Increment(ref _next);
        return ready[i % (uint)ready.Length];
    }
}
