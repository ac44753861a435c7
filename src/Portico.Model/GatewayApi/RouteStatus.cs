namespace Portico.Model.GatewayApi;

public sealed class RouteStatus
{
    public IReadOnlyList<RouteParentStatus> Parents { get; set; } = [];
}
