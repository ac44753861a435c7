namespace Portico.Model.GatewayApi;

public sealed class GrpcMethodMatch
{
    /// <summary><c>Exact</c> (default) or <c>RegularExpression</c>.</summary>
    public string Type { get; set; } = MatchTypes.Exact;

    public string? Service { get; init; }

    public string? Method { get; init; }
}
