namespace Portico.Model.GatewayApi;

/// <summary>Upstream condition types, verbatim.</summary>
public static class ConditionType
{
    public const string Accepted = "Accepted";
    public const string Programmed = "Programmed";
    public const string ResolvedRefs = "ResolvedRefs";
    public const string Conflicted = "Conflicted";
    public const string OverlappingTlsConfig = "OverlappingTLSConfig";
    public const string PartiallyInvalid = "PartiallyInvalid";
    public const string SupportedVersion = "SupportedVersion";
}
