namespace Portico.Model.GatewayApi;

public sealed record RouteGroupKind
{
    public string Group { get; set; } = GatewayApiGroup.Name;

    public string Kind { get; set; } = string.Empty;
}
