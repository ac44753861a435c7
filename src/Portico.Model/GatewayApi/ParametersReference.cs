namespace Portico.Model.GatewayApi;

/// <summary>GatewayClass <c>spec.parametersRef</c>, and Gateway <c>spec.infrastructure.parametersRef</c> (without namespace).</summary>
public sealed class ParametersReference
{
    public string Group { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Namespace { get; init; }
}
