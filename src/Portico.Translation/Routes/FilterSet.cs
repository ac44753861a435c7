using Portico.Routing.Actions;

namespace Portico.Translation.Routes;

/// <summary>The translated filters of one rule or one backendRef.</summary>
internal sealed class FilterSet
{
    private List<MirrorPolicy>? _mirrors;

    /// <summary>The set of a backendRef without filters: shared, never written to.</summary>
    public static FilterSet None { get; } = new();

    public HeaderModifier? RequestHeaders { get; set; }

    public HeaderModifier? ResponseHeaders { get; set; }

    public IReadOnlyList<MirrorPolicy> Mirrors => (IReadOnlyList<MirrorPolicy>?)_mirrors ?? [];

    public RedirectAction? Redirect { get; set; }

    public UrlRewriteAction? Rewrite { get; set; }

    /// <summary>A filter that cannot run (unknown ExtensionRef): requests get this reply instead of being forwarded.</summary>
    public DirectResponse? Error { get; set; }

    public void AddMirror(MirrorPolicy mirror) => (_mirrors ??= []).Add(mirror);

    /// <summary>A copy of <see cref="Mirrors"/> for the IR: the shared empty list when there are none.</summary>
    public IReadOnlyList<MirrorPolicy> MirrorsCopy() => _mirrors is null || _mirrors.Count == 0 ? [] : _mirrors.ToArray();
}
