namespace Portico.Model.GatewayApi;

public static class MatchTypes
{
    public const string Exact = "Exact";
    public const string PathPrefix = "PathPrefix";
    public const string RegularExpression = "RegularExpression";
}
