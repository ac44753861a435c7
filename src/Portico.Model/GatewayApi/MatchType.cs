namespace Portico.Model.GatewayApi;

public static class MatchType
{
    public const string Exact = "Exact";
    public const string PathPrefix = "PathPrefix";
    public const string RegularExpression = "RegularExpression";
}
