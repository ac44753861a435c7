using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class GrpcRoute : KubeObject
{
    public GrpcRouteSpec Spec { get; set; } = new();

    public RouteStatus? Status { get; init; }
}
