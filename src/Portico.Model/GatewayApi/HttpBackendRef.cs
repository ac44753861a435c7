namespace Portico.Model.GatewayApi;

public sealed class HttpBackendRef : BackendObjectReference
{
    public int Weight { get; set; } = 1;

    public IReadOnlyList<HttpRouteFilter> Filters { get; set; } = [];
}
