using System.Collections.Concurrent;
using Portico.Proxy.Admission;

namespace Portico.Proxy.Backends;

/// <summary>Process-wide endpoint states, shared by every table version.</summary>
/// <param name="queue">Makes each new endpoint's forwarding queue; null (or a null result): no queue.</param>
internal sealed class EndpointRegistry(Func<ForwardQueue?>? queue = null)
{
    private readonly ConcurrentDictionary<(string, int), EndpointState> _endpoints = new();

    public EndpointState Get(string address, int port) =>
        _endpoints.GetOrAdd((address, port), static (k, q) => new EndpointState(k.Item1, k.Item2, q?.Invoke()), queue);
}
