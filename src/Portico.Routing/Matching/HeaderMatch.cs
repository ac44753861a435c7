using System.Text.Json.Serialization;

namespace Portico.Routing.Matching;

/// <summary>A header (or query parameter) match. Header names are lower-case; regexes match the whole value.</summary>
public sealed record HeaderMatch
{
    public string Name { get; set; } = string.Empty;

    public StringMatchKind Kind { get; init; }

    public string Value { get; set; } = string.Empty;
}

[JsonConverter(typeof(JsonStringEnumConverter<StringMatchKind>))]
public enum StringMatchKind
{
    Exact,
    RegularExpression,
}
