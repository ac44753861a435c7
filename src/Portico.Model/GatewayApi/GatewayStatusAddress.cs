namespace Portico.Model.GatewayApi;

public sealed record GatewayStatusAddress
{
    public string Type { get; set; } = AddressType.IPAddress;

    public string Value { get; set; } = string.Empty;
}
