namespace Portico.Proxy.Backends;

/// <summary>How a call picks an endpoint inside a backend.</summary>
public enum LoadBalancingPolicy
{
    /// <summary>Round robin over ready endpoints (default).</summary>
    RoundRobin,

    /// <summary>Least outstanding requests, power of two random choices.</summary>
    LeastRequest,
}
