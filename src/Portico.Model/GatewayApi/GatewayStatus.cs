using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class GatewayStatus
{
    public IReadOnlyList<GatewayStatusAddress> Addresses { get; init; } = [];

    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    public IReadOnlyList<ListenerStatus> Listeners { get; init; } = [];
}
