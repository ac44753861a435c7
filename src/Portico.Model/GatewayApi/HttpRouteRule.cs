using System.Text.Json;

namespace Portico.Model.GatewayApi;

public sealed class HttpRouteRule
{
    public string? Name { get; init; }

    /// <summary>CRD default: <c>[{path: {type: PathPrefix, value: /}}]</c>.</summary>
    public IReadOnlyList<HttpRouteMatch> Matches { get; set; } = [new HttpRouteMatch()];

    public IReadOnlyList<HttpRouteFilter> Filters { get; set; } = [];

    public IReadOnlyList<HttpBackendRef> BackendRefs { get; set; } = [];

    public HttpRouteTimeouts? Timeouts { get; init; }

    /// <summary>Experimental (GEP-1731); kept for round trips.</summary>
    public JsonElement? Retry { get; init; }

    public JsonElement? SessionPersistence { get; init; }
}
