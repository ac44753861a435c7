using System.Text.RegularExpressions;
using Portico.Routing.Matching;

namespace Portico.Proxy.Matching;

/// <summary>
/// A compiled HTTP path match. Prefixes match on segment boundaries (<c>/foo</c> matches <c>/foo</c> and
/// <c>/foo/bar</c>, never <c>/foobar</c>); a trailing slash in the prefix is ignored. Case-sensitive.
/// </summary>
internal sealed class PathMatcher
{
    private readonly PathMatchKind _kind;
    private readonly string _value;
    private readonly Regex? _regex;

    public PathMatcher(PathMatch match)
    {
        _kind = match.Kind;
        _value = match.Kind == PathMatchKind.PathPrefix && match.Value.Length > 1 ? match.Value.TrimEnd('/') : match.Value;
        _regex = match.Kind == PathMatchKind.RegularExpression ? Patterns.Compile(match.Value) : null;
    }

    public bool Matches(string path) => _kind switch
    {
        PathMatchKind.Exact => string.Equals(path, _value, StringComparison.Ordinal),
        PathMatchKind.PathPrefix => _value == "/" ||
            (path.StartsWith(_value, StringComparison.Ordinal) && (path.Length == _value.Length || path[_value.Length] == '/')),
        _ => _regex!.IsMatch(path),
    };
}
