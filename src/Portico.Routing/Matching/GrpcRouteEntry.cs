using Portico.Routing.Actions;

namespace Portico.Routing.Matching;

/// <summary>One GRPCRoute rule × match, placed in precedence order.</summary>
public sealed record GrpcRouteEntry
{
    /// <summary><c>grpcroute/{namespace}/{name}/rule/{i}/match/{j}</c>.</summary>
    public string Id { get; set; } = string.Empty;

    public RouteSource Source { get; set; } = RouteSource.None;

    public GrpcMethodMatch Method { get; set; } = GrpcMethodMatch.Any;

    /// <summary>ANDed; names lower-case, duplicates already removed (the first wins).</summary>
    public IReadOnlyList<HeaderMatch> Headers { get; set; } = [];

    public RouteAction Action { get; set; } = RouteAction.None;
}
