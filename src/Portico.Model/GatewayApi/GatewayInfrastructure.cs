namespace Portico.Model.GatewayApi;

public sealed class GatewayInfrastructure
{
    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    public ParametersReference? ParametersRef { get; init; }
}
