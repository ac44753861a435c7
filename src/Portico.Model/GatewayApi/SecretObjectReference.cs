namespace Portico.Model.GatewayApi;

/// <summary>Reference to a Secret: group <c>""</c> and kind <c>Secret</c> by default.</summary>
public sealed class SecretObjectReference
{
    public string Group { get; init; } = GatewayApiGroup.Core;

    public string Kind { get; init; } = GatewayApiGroup.SecretKind;

    public string Name { get; init; } = string.Empty;

    public string? Namespace { get; init; }
}
