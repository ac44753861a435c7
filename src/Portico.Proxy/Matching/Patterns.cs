using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Portico.Proxy.Matching;

/// <summary>
/// Compiles user regexes as full matches, preferring the non-backtracking engine. Compiled regexes are cached by
/// pattern across table versions: building a non-backtracking regex costs milliseconds, so recompiling every
/// pattern on every configuration change made the data plane's part of a reload grow with the number of regex
/// routes (~0.7 s for 200 patterns, measured in bench/README.md). Regex instances are immutable and thread-safe.
/// </summary>
internal static class Patterns
{
    /// <summary>Cap on cached patterns; past it the cache starts over (patterns come from configuration, not requests).</summary>
    private const int MaxCached = 4096;

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static Regex Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(pattern, Build);
    }

    private static Regex Build(string pattern)
    {
        var anchored = $"^(?:{pattern})$";
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Backreferences and lookarounds need the backtracking engine; bound it with a timeout instead.
            return new Regex(anchored, RegexOptions.CultureInvariant, Timeout);
        }
    }
}
