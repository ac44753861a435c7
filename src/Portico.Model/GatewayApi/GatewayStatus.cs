using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class GatewayStatus
{
    public IReadOnlyList<GatewayStatusAddress> Addresses { get; set; } = [];

    public IReadOnlyList<Condition> Conditions { get; set; } = [];

    public IReadOnlyList<ListenerStatus> Listeners { get; set; } = [];
}
