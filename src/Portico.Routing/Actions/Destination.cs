namespace Portico.Routing.Actions;

/// <summary>
/// One weighted destination: a backend (with its own backendRef-level filters), or, for the share of a backendRef
/// that could not be resolved, a fixed failure reply (gRPC UNAVAILABLE / HTTP 500).
/// </summary>
public sealed record Destination
{
    public int Weight { get; init; }

    /// <summary>The <see cref="Backends.BackendConfig.Id"/>; null when <see cref="Failure"/> is set.</summary>
    public string? BackendId { get; init; }

    public DirectResponse? Failure { get; init; }

    public HeaderModifier? RequestHeaders { get; init; }

    public HeaderModifier? ResponseHeaders { get; init; }

    public IReadOnlyList<MirrorPolicy> Mirrors { get; set; } = [];

    /// <summary>HTTPRoute backendRef-level <c>RequestRedirect</c>: requests picked for this destination are redirected.</summary>
    public RedirectAction? Redirect { get; init; }

    /// <summary>HTTPRoute backendRef-level <c>URLRewrite</c>.</summary>
    public UrlRewriteAction? Rewrite { get; init; }
}
