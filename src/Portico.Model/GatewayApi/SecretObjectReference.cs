namespace Portico.Model.GatewayApi;

/// <summary>Reference to a Secret: group <c>""</c> and kind <c>Secret</c> by default.</summary>
public sealed class SecretObjectReference
{
    public string Group { get; set; } = GatewayApiGroup.Core;

    public string Kind { get; set; } = GatewayApiGroup.SecretKind;

    public string Name { get; set; } = string.Empty;

    public string? Namespace { get; init; }
}
