using Portico.Proxy.Backends;

namespace Portico.Proxy.Forwarding;

/// <summary>Data-plane settings. Validated by the CLI at start.</summary>
public sealed record ProxyOptions
{
    /// <summary>Endpoint choice inside a backend. Default <see cref="LoadBalancingPolicy.RoundRobin"/>.</summary>
    public LoadBalancingPolicy LoadBalancing { get; init; } = LoadBalancingPolicy.RoundRobin;

    /// <summary>Upstream TCP connect timeout. Default 5 s; range 100 ms – 60 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Idle time after which an upstream call with no progress at all is cut. Default 1 hour, so quiet gRPC streams
    /// (watch/subscribe) survive; deadlines (<c>grpc-timeout</c>, route timeouts) bound ordinary calls.
    /// </summary>
    public TimeSpan IdleStreamTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Largest request body captured for a RequestMirror copy; larger bodies are not mirrored. Default 1 MiB.</summary>
    public int MaxMirrorBodyBytes { get; init; } = 1 << 20;
}
