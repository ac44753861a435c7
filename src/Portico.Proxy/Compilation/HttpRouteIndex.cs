using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Portico.Routing.Matching;

namespace Portico.Proxy.Compilation;

/// <summary>
/// The HTTPRoute entries of one virtual host (in precedence order), indexed by path so a lookup does not scan them:
/// exact paths by their value, prefixes by their value without trailing slashes (a prefix matches on segment
/// boundaries, so the only prefixes that can match <c>/a/b/c</c> are <c>/a</c>, <c>/a/b</c> and <c>/a/b/c</c>: one
/// dictionary probe per segment of the request path), and everything else (regexes, <c>/</c>) tested always.
/// Each entry sits in exactly one list and every list is in precedence order, so the first entry of each list that
/// matches is that list's best and the lowest index overall wins: the same answer as scanning all entries in order.
/// The entry's own match still decides (the index only skips entries that cannot match). Lookups allocate nothing;
/// comparisons are ordinal (paths are case-sensitive).
/// </summary>
internal sealed class HttpRouteIndex
{
    private readonly CompiledHttpEntry[] _entries;
    private readonly Dictionary<string, int[]> _exact;
    private readonly Dictionary<string, int[]> _prefix;
    private readonly int[] _always;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public HttpRouteIndex(CompiledHttpEntry[] entries)
    {
        _entries = entries;
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var always = new List<int>();
        for (var i = 0; i < entries.Length; i++)
        {
            var path = entries[i].Source.Path;
            switch (path.Kind)
            {
                case PathMatchKind.Exact:
                    Add(exact, path.Value, i);
                    break;
                case PathMatchKind.PathPrefix when PrefixKey(path.Value) is { } key:
                    Add(prefix, key, i);
                    break;
                default:
                    always.Add(i);
                    break;
            }
        }

        _exact = exact.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _prefix = prefix.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _always = [.. always];
    }

    public CompiledHttpEntry? Match(HttpRequest request, string path)
    {
        var best = First(_always, int.MaxValue, request, path);
        if (_exact.Count > 0 && _exact.TryGetValue(path, out var exact))
        {
            best = First(exact, best, request, path);
        }

        if (_prefix.Count > 0)
        {
            var lookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
            var end = path.Length > 0 && path[0] == '/' ? path.IndexOf('/', 1) : -1;
            while (true)
            {
                var candidate = end < 0 ? path.AsSpan() : path.AsSpan(0, end);
                if (lookup.TryGetValue(candidate, out var list))
                {
                    best = First(list, best, request, path);
                }

                if (end < 0)
                {
                    break;
                }

                end = path.IndexOf('/', end + 1);
            }
        }

        return best == int.MaxValue ? null : _entries[best];
    }

    /// <summary>The index of the first entry of <paramref name="list"/> below <paramref name="best"/> that matches, else <paramref name="best"/>.</summary>
    private int First(int[] list, int best, HttpRequest request, string path)
    {
        foreach (var i in list)
        {
            if (i >= best)
            {
                break;
            }

            if (_entries[i].Matches(request, path))
            {
                return i;
            }
        }

        return best;
    }

    /// <summary>
    /// The dictionary key of a prefix, as <see cref="Matching.PathMatcher"/> compares it (trailing slashes dropped);
    /// null for prefixes that match every path (<c>/</c>) or are not absolute paths: those are tested always.
    /// </summary>
    private static string? PrefixKey(string value)
    {
        var key = value.Length > 1 ? value.TrimEnd('/') : value;
        return key.Length > 1 && key[0] == '/' ? key : null;
    }

    private static void Add(Dictionary<string, List<int>> lists, string key, int index)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(index);
    }
}
