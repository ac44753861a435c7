namespace Portico.Model.GatewayApi;

public sealed class HttpRouteSpec
{
    public IReadOnlyList<ParentReference> ParentRefs { get; init; } = [];

    public IReadOnlyList<string> Hostnames { get; init; } = [];

    /// <summary>CRD default: one rule matching <c>PathPrefix /</c>.</summary>
    public IReadOnlyList<HttpRouteRule> Rules { get; init; } = [new HttpRouteRule()];

    public string? UseDefaultGateways { get; init; }
}
