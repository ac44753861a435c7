using Portico.Model.Meta;
using Portico.Model.Serialization;

namespace Portico.Model.GatewayApi;

public sealed class ListenerStatus
{
    public string Name { get; init; } = string.Empty;

    [KeepEmpty]
    public IReadOnlyList<RouteGroupKind> SupportedKinds { get; init; } = [];

    public int AttachedRoutes { get; init; }

    public IReadOnlyList<Condition> Conditions { get; init; } = [];
}
