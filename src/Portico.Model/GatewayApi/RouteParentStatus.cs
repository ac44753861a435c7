using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class RouteParentStatus
{
    public ParentReference ParentRef { get; set; } = new();

    public string ControllerName { get; set; } = string.Empty;

    public IReadOnlyList<Condition> Conditions { get; set; } = [];
}
