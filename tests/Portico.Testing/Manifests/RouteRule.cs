namespace Portico.Testing;

/// <summary>
/// One GRPCRoute/HTTPRoute rule. Matches and filters are raw YAML mappings (one string per list item), which keeps
/// every field of the API reachable; <see cref="RouteMatch"/> has helpers for the common ones.
/// </summary>
public sealed record RouteRule
{
    public IReadOnlyList<BackendRef> BackendRefs { get; init; } = [];

    /// <summary>Each entry is one match as a YAML mapping, e.g. <c>"method: {service: portico.test.Echo}"</c>.</summary>
    public IReadOnlyList<string> Matches { get; init; } = [];

    /// <summary>Each entry is one filter as a YAML mapping.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Optional rule name (Gateway API 1.2+).</summary>
    public string? Name { get; init; }

    /// <summary>More rule fields as a YAML mapping, e.g. <c>"timeouts: {request: 2s}"</c>.</summary>
    public string? ExtraYaml { get; init; }

    /// <summary>A rule that sends everything it matches to <paramref name="backendRefs"/>.</summary>
    public static RouteRule To(params BackendRef[] backendRefs) => new() { BackendRefs = backendRefs };

    public RouteRule WithMatches(params string[] matches) => this with { Matches = matches };

    public RouteRule WithFilters(params string[] filters) => this with { Filters = filters };
}
