namespace Portico.Model.GatewayApi;

public sealed class GatewayClassSpec
{
    public string ControllerName { get; set; } = string.Empty;

    public ParametersReference? ParametersRef { get; init; }

    public string? Description { get; init; }
}
