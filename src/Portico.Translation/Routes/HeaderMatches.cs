using Portico.Model.GatewayApi;
using Portico.Routing.Matching;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>Header matches of either route kind: names case-insensitive, and only the first of a repeated name counts.</summary>
internal static class HeaderMatches
{
    /// <returns>The matches (the shared empty list when there are none), or the message that drops the rule.</returns>
    public static (IReadOnlyList<HeaderMatch> Matches, string? Error) Compile<T>(IReadOnlyList<T> headers, Func<T, (string Type, string Name, string Value)> partsOf, FieldPath field)
    {
        if (headers.Count == 0)
        {
            return ([], null);
        }

        var result = new List<HeaderMatch>(headers.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var (type, name, value) = partsOf(headers[i]);
            if (HeaderNames.Validate(name) is { } nameError)
            {
                return (result, $"{field}[{i}].name: {nameError}");
            }

            if (!seen.Add(name))
            {
                continue; // spec: with repeated names only the first entry is considered.
            }

            switch (type)
            {
                case MatchTypes.Exact:
                    result.Add(new HeaderMatch { Name = name.ToLowerInvariant(), Kind = StringMatchKind.Exact, Value = value });
                    break;
                case MatchTypes.RegularExpression when Regexes.Validate(value) is { } regexError:
                    return (result, $"{field}[{i}].value: {regexError}");
                case MatchTypes.RegularExpression:
                    result.Add(new HeaderMatch { Name = name.ToLowerInvariant(), Kind = StringMatchKind.RegularExpression, Value = value });
                    break;
                default:
                    return (result, $"{field}[{i}].type \"{type}\" is not supported (Exact, RegularExpression)");
            }
        }

        return (result, null);
    }
}
