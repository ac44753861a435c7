namespace Portico.Routing.Actions;

/// <summary>HTTPRoute <c>URLRewrite</c>: the upstream request's host and/or path.</summary>
public sealed record UrlRewriteAction
{
    public string? Hostname { get; init; }

    public PathRewrite? Path { get; init; }
}
