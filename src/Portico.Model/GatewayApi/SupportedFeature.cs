namespace Portico.Model.GatewayApi;

public sealed record SupportedFeature
{
    public string Name { get; set; } = string.Empty;
}
