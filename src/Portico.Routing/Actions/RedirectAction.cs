namespace Portico.Routing.Actions;

/// <summary>HTTPRoute <c>RequestRedirect</c>. Unset parts keep the request's values.</summary>
public sealed record RedirectAction
{
    public string? Scheme { get; init; }

    public string? Hostname { get; init; }

    public int? Port { get; init; }

    public PathRewrite? Path { get; init; }

    public int StatusCode { get; set; } = 302;
}
