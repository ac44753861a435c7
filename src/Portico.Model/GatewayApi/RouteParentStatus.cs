using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class RouteParentStatus
{
    public ParentReference ParentRef { get; init; } = new();

    public string ControllerName { get; init; } = string.Empty;

    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}
