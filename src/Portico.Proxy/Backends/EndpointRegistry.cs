using System.Collections.Concurrent;

namespace Portico.Proxy.Backends;

/// <summary>Process-wide endpoint states, shared by every table version.</summary>
internal sealed class EndpointRegistry
{
    private readonly ConcurrentDictionary<(string, int), EndpointState> _endpoints = new();

    public EndpointState Get(string address, int port) => _endpoints.GetOrAdd((address, port), static k => new EndpointState(k.Item1, k.Item2));
}
