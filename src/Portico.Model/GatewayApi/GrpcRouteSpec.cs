namespace Portico.Model.GatewayApi;

public sealed class GrpcRouteSpec
{
    public IReadOnlyList<ParentReference> ParentRefs { get; set; } = [];

    public IReadOnlyList<string> Hostnames { get; set; } = [];

    public IReadOnlyList<GrpcRouteRule> Rules { get; set; } = [];

    /// <summary>Experimental (GEP-3793).</summary>
    public string? UseDefaultGateways { get; init; }
}
