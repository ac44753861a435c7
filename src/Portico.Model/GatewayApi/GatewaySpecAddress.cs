namespace Portico.Model.GatewayApi;

/// <summary>A requested address; <c>type</c> defaults to <c>IPAddress</c>.</summary>
public sealed class GatewaySpecAddress
{
    public string Type { get; set; } = AddressType.IPAddress;

    public string? Value { get; init; }
}
