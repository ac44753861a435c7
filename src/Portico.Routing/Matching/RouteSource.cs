namespace Portico.Routing.Matching;

/// <summary>Where an entry came from, in the user's own names (for logs, metrics, <c>portico routes</c>).</summary>
public sealed record RouteSource
{
    /// <summary>The default of entries' <c>Source</c>: one shared instance (never mutated: nothing sets a property after construction), not one per entry built.</summary>
    internal static RouteSource None { get; } = new();

    /// <summary><c>GRPCRoute</c> or <c>HTTPRoute</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public int Rule { get; init; }

    /// <summary>The rule's <c>name</c>, when it has one.</summary>
    public string? RuleName { get; init; }

    /// <summary>Index of the match within the rule; -1 when the rule has no matches (matches everything).</summary>
    public int Match { get; init; }
}
