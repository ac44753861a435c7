namespace Portico.Model.GatewayApi;

public sealed class GrpcHeaderMatch
{
    public string Type { get; init; } = MatchTypes.Exact;

    public string Name { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;
}
