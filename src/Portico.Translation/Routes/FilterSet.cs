using Portico.Routing.Actions;

namespace Portico.Translation.Routes;

/// <summary>The translated filters of one rule or one backendRef.</summary>
internal sealed class FilterSet
{
    public HeaderModifier? RequestHeaders { get; set; }

    public HeaderModifier? ResponseHeaders { get; set; }

    public List<MirrorPolicy> Mirrors { get; } = [];

    public RedirectAction? Redirect { get; set; }

    public UrlRewriteAction? Rewrite { get; set; }

    /// <summary>A filter that cannot run (unknown ExtensionRef): requests get this reply instead of being forwarded.</summary>
    public DirectResponse? Error { get; set; }
}
