namespace Portico.Model.GatewayApi;

public sealed class HttpRouteSpec
{
    public IReadOnlyList<ParentReference> ParentRefs { get; set; } = [];

    public IReadOnlyList<string> Hostnames { get; set; } = [];

    /// <summary>CRD default: one rule matching <c>PathPrefix /</c>.</summary>
    public IReadOnlyList<HttpRouteRule> Rules { get; set; } = [new HttpRouteRule()];

    public string? UseDefaultGateways { get; init; }
}
