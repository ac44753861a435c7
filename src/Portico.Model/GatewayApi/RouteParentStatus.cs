using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class RouteParentStatus
{
    // A shared default (records are immutable), so building a status allocates no throwaway reference.
    private static readonly ParentReference NoParent = new();

    public ParentReference ParentRef { get; init; } = NoParent;

    public string ControllerName { get; init; } = string.Empty;

    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}
