namespace Portico.Model.GatewayApi;

public sealed class HttpQueryParamMatch
{
    public string Type { get; set; } = MatchTypes.Exact;

    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
