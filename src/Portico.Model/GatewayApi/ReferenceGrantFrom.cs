namespace Portico.Model.GatewayApi;

public sealed class ReferenceGrantFrom
{
    public string Group { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;
}
