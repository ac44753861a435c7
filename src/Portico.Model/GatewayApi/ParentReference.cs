namespace Portico.Model.GatewayApi;

/// <summary>A route's <c>parentRefs</c> entry; group and kind default to a Gateway.</summary>
public sealed record ParentReference
{
    public string Group { get; set; } = GatewayApiGroup.Name;

    public string Kind { get; set; } = GatewayApiGroup.GatewayKind;

    public string? Namespace { get; init; }

    public string Name { get; set; } = string.Empty;

    public string? SectionName { get; init; }

    public int? Port { get; init; }
}
