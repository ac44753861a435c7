namespace Portico.Model.GatewayApi;

public sealed class AllowedRoutes
{
    public RouteNamespaces Namespaces { get; set; } = new();

    public IReadOnlyList<RouteGroupKind> Kinds { get; set; } = [];
}
