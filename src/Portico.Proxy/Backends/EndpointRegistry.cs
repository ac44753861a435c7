using System.Collections.Concurrent;
using Portico.Proxy.Admission;

namespace Portico.Proxy.Backends;

/// <summary>
/// Process-wide endpoint states, shared by every table version, so in-flight counts and queues survive a
/// configuration change. Endpoints the newest table no longer names are forgotten (<see cref="Sweep"/>): with pods
/// coming and going the registry would otherwise grow without bound. A table still draining keeps its own
/// references, so its calls are unaffected; an endpoint that comes back later starts with a fresh state.
/// </summary>
/// <param name="queue">Makes each new endpoint's forwarding queue; null (or a null result): no queue.</param>
internal sealed class EndpointRegistry(Func<ForwardQueue?>? queue = null)
{
    private readonly ConcurrentDictionary<(string, int), EndpointState> _endpoints = new();

    // Endpoints asked for since the last sweep. Get and Sweep run on the compile path, which the data plane's apply
    // lock serializes.
    private readonly HashSet<(string, int)> _used = [];

    /// <summary>Endpoints known now.</summary>
    public int Count => _endpoints.Count;

    public EndpointState Get(string address, int port)
    {
        _used.Add((address, port));
        return _endpoints.GetOrAdd((address, port), static (k, q) => new EndpointState(k.Item1, k.Item2, q?.Invoke()), queue);
    }

    /// <summary>Forgets every endpoint not asked for since the previous sweep (one per compiled table).</summary>
    public void Sweep()
    {
        foreach (var key in _endpoints.Keys)
        {
            if (!_used.Contains(key))
            {
                if (_endpoints.TryRemove(key, out var forgotten))
                {
                    forgotten.DisposeConnections();
                }
            }
        }

        _used.Clear();
    }
}
