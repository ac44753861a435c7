namespace Portico.Model.GatewayApi;

/// <summary>An <c>ExtensionRef</c> filter's target.</summary>
public sealed class LocalObjectReference
{
    public string Group { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}
