using Portico.Routing.Actions;

namespace Portico.Routing.Matching;

/// <summary>One HTTPRoute rule × match, placed in precedence order.</summary>
public sealed record HttpRouteEntry
{
    /// <summary><c>httproute/{namespace}/{name}/rule/{i}/match/{j}</c>.</summary>
    public string Id { get; set; } = string.Empty;

    public RouteSource Source { get; set; } = RouteSource.None;

    public PathMatch Path { get; set; } = PathMatch.Default;

    /// <summary>Upper-case HTTP method, or null for any.</summary>
    public string? Method { get; init; }

    public IReadOnlyList<HeaderMatch> Headers { get; set; } = [];

    /// <summary>Query parameter names are case-sensitive.</summary>
    public IReadOnlyList<HeaderMatch> QueryParams { get; set; } = [];

    public RouteAction Action { get; set; } = RouteAction.None;
}
