namespace Portico.Model.Core;

public sealed class ServiceSpec
{
    /// <summary><c>ClusterIP</c> (default), <c>ExternalName</c>, <c>NodePort</c> or <c>LoadBalancer</c>.</summary>
    public string Type { get; set; } = ServiceType.ClusterIP;

    public IReadOnlyDictionary<string, string> Selector { get; set; } = new Dictionary<string, string>();

    public IReadOnlyList<ServicePort> Ports { get; set; } = [];

    public string? ClusterIP { get; init; }

    public IReadOnlyList<string> ClusterIPs { get; set; } = [];

    /// <summary>DNS name for <c>ExternalName</c> Services.</summary>
    public string? ExternalName { get; init; }

    public IReadOnlyList<string> ExternalIPs { get; set; } = [];

    public string? SessionAffinity { get; init; }

    public System.Text.Json.JsonElement? SessionAffinityConfig { get; init; }

    public IReadOnlyList<string> IpFamilies { get; set; } = [];

    public string? IpFamilyPolicy { get; init; }

    public string? InternalTrafficPolicy { get; init; }

    public string? ExternalTrafficPolicy { get; init; }

    public bool? PublishNotReadyAddresses { get; init; }

    public string? LoadBalancerIP { get; init; }

    public string? LoadBalancerClass { get; init; }

    public IReadOnlyList<string> LoadBalancerSourceRanges { get; set; } = [];

    public bool? AllocateLoadBalancerNodePorts { get; init; }

    public int? HealthCheckNodePort { get; init; }

    public string? TrafficDistribution { get; init; }
}
