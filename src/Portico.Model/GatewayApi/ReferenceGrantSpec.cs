namespace Portico.Model.GatewayApi;

public sealed class ReferenceGrantSpec
{
    public IReadOnlyList<ReferenceGrantFrom> From { get; set; } = [];

    public IReadOnlyList<ReferenceGrantTo> To { get; set; } = [];
}
