namespace Portico.Routing.Actions;

/// <summary>
/// What happens to a matched request: filters, then either a fixed reply (<see cref="DirectResponse"/>, or a
/// <see cref="Redirect"/>) or a weighted pick among <see cref="Destinations"/>.
/// </summary>
public sealed record RouteAction
{
    /// <summary>The default of entries' <c>Action</c>: one shared instance (never mutated: nothing sets a property after construction).</summary>
    internal static RouteAction None { get; } = new();

    public HeaderModifier? RequestHeaders { get; init; }

    public HeaderModifier? ResponseHeaders { get; init; }

    public IReadOnlyList<MirrorPolicy> Mirrors { get; set; } = [];

    /// <summary>HTTPRoute only.</summary>
    public RedirectAction? Redirect { get; init; }

    /// <summary>HTTPRoute only.</summary>
    public UrlRewriteAction? Rewrite { get; init; }

    /// <summary>When set, every request gets this reply and <see cref="Destinations"/> is empty.</summary>
    public DirectResponse? DirectResponse { get; init; }

    /// <summary>Weighted destinations (weight &gt; 0 only); a request picks one in proportion to the weights.</summary>
    public IReadOnlyList<Destination> Destinations { get; set; } = [];

    /// <summary>HTTPRoute <c>timeouts.request</c>; null means none.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>HTTPRoute <c>timeouts.backendRequest</c>; null means none.</summary>
    public TimeSpan? BackendRequestTimeout { get; init; }
}
