using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class Gateway : KubeObject
{
    public GatewaySpec Spec { get; set; } = new();

    public GatewayStatus? Status { get; init; }
}
