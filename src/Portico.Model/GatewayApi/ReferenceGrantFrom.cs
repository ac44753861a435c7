namespace Portico.Model.GatewayApi;

public sealed class ReferenceGrantFrom
{
    public string Group { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;
}
