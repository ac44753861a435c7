namespace Portico.Model.GatewayApi;

/// <summary>An <c>ExtensionRef</c> filter's target.</summary>
public sealed class LocalObjectReference
{
    public string Group { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;
}
