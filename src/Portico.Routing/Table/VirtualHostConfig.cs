using Portico.Routing.Matching;

namespace Portico.Routing.Table;

/// <summary>
/// The routes that serve one hostname pattern on a listener. A request tries the virtual hosts whose pattern
/// matches its host in order and takes the first route that matches; that order equals the spec's precedence
/// (non-wildcard hostname characters, then hostname characters).
/// </summary>
public sealed record VirtualHostConfig
{
    /// <summary>An exact hostname, a <c>*.</c> wildcard, or <c>*</c> for any host.</summary>
    public string Hostname { get; set; } = "*";

    /// <summary>GRPCRoute entries in precedence order; tried first for <c>application/grpc*</c> requests.</summary>
    public IReadOnlyList<GrpcRouteEntry> GrpcRoutes { get; set; } = [];

    /// <summary>HTTPRoute entries in precedence order; tried for every request (after GRPCRoutes for gRPC).</summary>
    public IReadOnlyList<HttpRouteEntry> HttpRoutes { get; set; } = [];
}
