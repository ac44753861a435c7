using System.Text.Json.Serialization;

namespace Portico.Routing.Matching;

/// <summary>
/// An HTTP path match. <see cref="PathMatchKind.PathPrefix"/> matches on segment boundaries: <c>/foo</c> matches
/// <c>/foo</c> and <c>/foo/bar</c>, never <c>/foobar</c>; a trailing slash in the prefix is ignored.
/// </summary>
public sealed record PathMatch
{
    /// <summary>The default of entries' <c>Path</c>: one shared instance (never mutated: nothing sets a property after construction).</summary>
    internal static PathMatch Default { get; } = new();

    public PathMatchKind Kind { get; set; } = PathMatchKind.PathPrefix;

    public string Value { get; set; } = "/";
}

[JsonConverter(typeof(JsonStringEnumConverter<PathMatchKind>))]
public enum PathMatchKind
{
    Exact,
    PathPrefix,
    RegularExpression,
}
