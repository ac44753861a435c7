namespace Portico.Model.GatewayApi;

public sealed class GrpcRouteSpec
{
    public IReadOnlyList<ParentReference> ParentRefs { get; init; } = [];

    public IReadOnlyList<string> Hostnames { get; init; } = [];

    public IReadOnlyList<GrpcRouteRule> Rules { get; init; } = [];

    /// <summary>Experimental (GEP-3793).</summary>
    public string? UseDefaultGateways { get; init; }
}
