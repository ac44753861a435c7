namespace Portico.Model.GatewayApi;

public sealed class AllowedRoutes
{
    public RouteNamespaces Namespaces { get; init; } = new();

    public IReadOnlyList<RouteGroupKind> Kinds { get; init; } = [];
}
