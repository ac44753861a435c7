namespace Portico.Model.GatewayApi;

public sealed class ReferenceGrantSpec
{
    public IReadOnlyList<ReferenceGrantFrom> From { get; init; } = [];

    public IReadOnlyList<ReferenceGrantTo> To { get; init; } = [];
}
