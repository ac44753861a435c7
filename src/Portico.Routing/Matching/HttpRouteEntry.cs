using Portico.Routing.Actions;

namespace Portico.Routing.Matching;

/// <summary>One HTTPRoute rule × match, placed in precedence order.</summary>
public sealed record HttpRouteEntry
{
    /// <summary><c>httproute/{namespace}/{name}/rule/{i}/match/{j}</c>.</summary>
    public string Id { get; init; } = string.Empty;

    public RouteSource Source { get; init; } = RouteSource.None;

    public PathMatch Path { get; init; } = PathMatch.Default;

    /// <summary>Upper-case HTTP method, or null for any.</summary>
    public string? Method { get; init; }

    public IReadOnlyList<HeaderMatch> Headers { get; init; } = [];

    /// <summary>Query parameter names are case-sensitive.</summary>
    public IReadOnlyList<HeaderMatch> QueryParams { get; init; } = [];

    public RouteAction Action { get; init; } = RouteAction.None;
}
