using System.Text.Json.Serialization;

namespace Portico.Routing.Actions;

/// <summary>
/// Replace the whole path, or the part matched by the entry's <c>PathPrefix</c> (<see cref="MatchedPrefix"/>).
/// </summary>
public sealed record PathRewrite
{
    public PathRewriteKind Kind { get; init; }

    public string Value { get; set; } = string.Empty;

    /// <summary>For <see cref="PathRewriteKind.ReplacePrefixMatch"/>: the prefix the entry matched.</summary>
    public string? MatchedPrefix { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<PathRewriteKind>))]
public enum PathRewriteKind
{
    ReplaceFullPath,
    ReplacePrefixMatch,
}
