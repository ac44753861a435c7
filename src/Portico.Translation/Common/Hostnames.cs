using System.Text.RegularExpressions;

namespace Portico.Translation.Common;

/// <summary>
/// Hostname rules of the spec (reference §1.2): a leading <c>*.</c> matches one or more labels; comparisons are
/// case-insensitive (hostnames are stored lower-case); a null listener hostname matches every host.
/// </summary>
internal static partial class Hostnames
{
    /// <summary>RFC 1123 hostname, optionally with a leading <c>*.</c>; IP addresses are refused separately.</summary>
    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostnamePattern();

    public static bool IsWildcard(string hostname) => hostname.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Null when valid, else why not.</summary>
    public static string? Validate(string hostname)
    {
        if (hostname.Length is 0 or > 253)
        {
            return "must be 1 to 253 characters";
        }

        if (System.Net.IPAddress.TryParse(hostname, out _))
        {
            return "must be a hostname, not an IP address";
        }

        return HostnamePattern().IsMatch(hostname) ? null : "must be a lower-case RFC 1123 hostname, optionally prefixed with \"*.\"";
    }

    /// <summary>
    /// The hostname that both a listener (null: any) and a route hostname accept, or null when they are disjoint.
    /// The result is the more specific of the two.
    /// </summary>
    public static string? Intersect(string? listener, string route)
    {
        if (listener is null)
        {
            return route;
        }

        var lw = IsWildcard(listener);
        var rw = IsWildcard(route);
        if (!lw && !rw)
        {
            return string.Equals(listener, route, StringComparison.Ordinal) ? route : null;
        }

        if (lw && !rw)
        {
            return WildcardCovers(listener, route) ? route : null;
        }

        if (!lw && rw)
        {
            return WildcardCovers(route, listener) ? listener : null;
        }

        // Both wildcards: the narrower one, if one contains the other.
        if (string.Equals(listener, route, StringComparison.Ordinal) || WildcardCovers(listener, route))
        {
            return route;
        }

        return WildcardCovers(route, listener) ? listener : null;
    }

    /// <summary>
    /// Whether wildcard <paramref name="wildcard"/> (<c>*.example.com</c>) covers <paramref name="name"/>, which may
    /// itself be a wildcard: <c>*.example.com</c> covers <c>a.example.com</c>, <c>a.b.example.com</c> and
    /// <c>*.b.example.com</c>, but not <c>example.com</c>.
    /// </summary>
    public static bool WildcardCovers(string wildcard, string name)
    {
        var suffix = wildcard.AsSpan(1); // ".example.com"
        var subject = IsWildcard(name) ? name.AsSpan(1) : name.AsSpan();
        return subject.Length > suffix.Length && subject.EndsWith(suffix, StringComparison.Ordinal);
    }

    /// <summary>Whether a host (no port) matches a pattern: exact, <c>*.</c> wildcard, or <c>*</c> for all.</summary>
    public static bool Matches(string pattern, string host) =>
        pattern == "*" || (IsWildcard(pattern) ? WildcardCovers(pattern, host) : string.Equals(pattern, host, StringComparison.Ordinal));
}
