using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class HttpRoute : KubeObject
{
    public HttpRouteSpec Spec { get; set; } = new();

    public RouteStatus? Status { get; init; }
}
