namespace Portico.Model.GatewayApi;

public sealed class GrpcRouteMatch
{
    public GrpcMethodMatch? Method { get; init; }

    public IReadOnlyList<GrpcHeaderMatch> Headers { get; set; } = [];
}
