using Portico.Model.GatewayApi;
using Portico.Routing.Matching;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>Header matches of either route kind: names case-insensitive, and only the first of a repeated name counts.</summary>
internal static class HeaderMatches
{
    public static (List<HeaderMatch> Matches, string? Error) Compile(IEnumerable<(string Type, string Name, string Value)> headers, string field)
    {
        var result = new List<HeaderMatch>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        foreach (var (type, name, value) in headers)
        {
            var where = $"{field}[{i++}]";
            if (HeaderNames.Validate(name) is { } nameError)
            {
                return (result, $"{where}.name: {nameError}");
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
                    return (result, $"{where}.value: {regexError}");
                case MatchTypes.RegularExpression:
                    result.Add(new HeaderMatch { Name = name.ToLowerInvariant(), Kind = StringMatchKind.RegularExpression, Value = value });
                    break;
                default:
                    return (result, $"{where}.type \"{type}\" is not supported (Exact, RegularExpression)");
            }
        }

        return (result, null);
    }
}
