namespace Portico.Model.GatewayApi;

public sealed record GatewayStatusAddress
{
    public string Type { get; init; } = AddressType.IPAddress;

    public string Value { get; init; } = string.Empty;
}
