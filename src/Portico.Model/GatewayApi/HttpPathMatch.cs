namespace Portico.Model.GatewayApi;

public sealed class HttpPathMatch
{
    /// <summary><c>Exact</c>, <c>PathPrefix</c> (default) or <c>RegularExpression</c>.</summary>
    public string Type { get; set; } = MatchTypes.PathPrefix;

    public string Value { get; set; } = "/";
}
