namespace Portico.Model.GatewayApi;

public sealed class ReferenceGrantTo
{
    public string Group { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    /// <summary>Unset: every object of that kind in the namespace.</summary>
    public string? Name { get; init; }
}
