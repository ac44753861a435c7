using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Portico.Routing.Matching;

namespace Portico.Proxy.Matching;

/// <summary>
/// A compiled header or query-parameter match. Several values of one header are compared as one comma-joined
/// value, as HTTP defines them equivalent.
/// </summary>
internal sealed class HeaderMatcher(HeaderMatch match)
{
    private readonly string _name = match.Name;
    private readonly string _value = match.Value;
    private readonly Regex? _regex = match.Kind == StringMatchKind.RegularExpression ? Patterns.Compile(match.Value) : null;

    public bool Matches(IHeaderDictionary headers) => Matches(headers.TryGetValue(_name, out var v) ? v : StringValues.Empty);

    public bool Matches(IQueryCollection query) => Matches(query.TryGetValue(_name, out var v) && v.Count > 0 ? new StringValues(v[0]) : StringValues.Empty);

    private bool Matches(StringValues values)
    {
        if (values.Count == 0)
        {
            return false;
        }

        var value = values.Count == 1 ? values[0]! : values.ToString();
        return _regex is null ? string.Equals(value, _value, StringComparison.Ordinal) : _regex.IsMatch(value);
    }

    /// <summary>One matcher per match; the shared empty array when there are none.</summary>
    public static HeaderMatcher[] Compile(IReadOnlyList<HeaderMatch> matches)
    {
        if (matches.Count == 0)
        {
            return [];
        }

        var result = new HeaderMatcher[matches.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new HeaderMatcher(matches[i]);
        }

        return result;
    }

    public static bool All(HeaderMatcher[] matchers, IHeaderDictionary headers)
    {
        foreach (var m in matchers)
        {
            if (!m.Matches(headers))
            {
                return false;
            }
        }

        return true;
    }
}
