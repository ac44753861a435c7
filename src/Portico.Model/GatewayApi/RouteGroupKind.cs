namespace Portico.Model.GatewayApi;

public sealed record RouteGroupKind
{
    public string Group { get; init; } = GatewayApiGroup.Name;

    public string Kind { get; init; } = string.Empty;
}
