namespace Portico.Model.GatewayApi;

public sealed class GrpcBackendRef : BackendObjectReference
{
    /// <summary>0 to 1,000,000; default 1; 0 means no traffic.</summary>
    public int Weight { get; set; } = 1;

    public IReadOnlyList<GrpcRouteFilter> Filters { get; set; } = [];
}
