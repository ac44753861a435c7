using Portico.Model.Meta;

namespace Portico.Model.Core;

/// <summary>discovery.k8s.io/v1 EndpointSlice; its Service is named by the label <c>kubernetes.io/service-name</c>.</summary>
public sealed class EndpointSlice : KubeObject
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary><c>IPv4</c>, <c>IPv6</c> or <c>FQDN</c>.</summary>
    public string AddressType { get; set; } = "IPv4";

    public IReadOnlyList<Endpoint> Endpoints { get; set; } = [];

    public IReadOnlyList<EndpointPort> Ports { get; set; } = [];
}
