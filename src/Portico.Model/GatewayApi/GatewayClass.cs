using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class GatewayClass : KubeObject
{
    public GatewayClassSpec Spec { get; set; } = new();

    public GatewayClassStatus? Status { get; init; }
}
