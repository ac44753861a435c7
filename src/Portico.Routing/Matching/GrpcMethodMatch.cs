using System.Text.Json.Serialization;

namespace Portico.Routing.Matching;

/// <summary>
/// A gRPC method match over <c>:path</c> = <c>/{service}/{method}</c>, case-sensitive:
/// <list type="bullet">
/// <item><see cref="GrpcMethodMatchKind.Any"/>: every path.</item>
/// <item><see cref="GrpcMethodMatchKind.Exact"/> with service and method: exactly <c>/{service}/{method}</c>.</item>
/// <item>Exact with service only: prefix <c>/{service}/</c>; with method only: any service, that method.</item>
/// <item><see cref="GrpcMethodMatchKind.RegularExpression"/>: each part set is a full-match regex; an unset part matches any non-empty name.</item>
/// </list>
/// </summary>
public sealed record GrpcMethodMatch
{
    /// <summary>The default of entries' <c>Method</c>: one shared instance (never mutated: nothing sets a property after construction).</summary>
    internal static GrpcMethodMatch Any { get; } = new();

    public GrpcMethodMatchKind Kind { get; init; }

    public string? Service { get; init; }

    public string? Method { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<GrpcMethodMatchKind>))]
public enum GrpcMethodMatchKind
{
    Any,
    Exact,
    RegularExpression,
}
