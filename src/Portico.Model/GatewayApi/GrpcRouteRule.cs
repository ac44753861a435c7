using System.Text.Json;

namespace Portico.Model.GatewayApi;

public sealed class GrpcRouteRule
{
    public string? Name { get; init; }

    /// <summary>Empty means "every gRPC request".</summary>
    public IReadOnlyList<GrpcRouteMatch> Matches { get; set; } = [];

    public IReadOnlyList<GrpcRouteFilter> Filters { get; set; } = [];

    public IReadOnlyList<GrpcBackendRef> BackendRefs { get; set; } = [];

    /// <summary>Experimental channel; kept for round trips.</summary>
    public JsonElement? SessionPersistence { get; init; }
}
