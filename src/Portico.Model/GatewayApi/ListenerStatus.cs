using Portico.Model.Meta;
using Portico.Model.Serialization;

namespace Portico.Model.GatewayApi;

public sealed class ListenerStatus
{
    public string Name { get; set; } = string.Empty;

    [KeepEmpty]
    public IReadOnlyList<RouteGroupKind> SupportedKinds { get; set; } = [];

    public int AttachedRoutes { get; init; }

    public IReadOnlyList<Condition> Conditions { get; set; } = [];
}
