using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class RouteParentStatus
{
    // A shared default (never mutated: nothing sets a property after construction), so building a status allocates no throwaway reference.
    private static readonly ParentReference NoParent = new();

    public ParentReference ParentRef { get; set; } = NoParent;

    public string ControllerName { get; set; } = string.Empty;

    public IReadOnlyList<Condition> Conditions { get; set; } = [];
}
