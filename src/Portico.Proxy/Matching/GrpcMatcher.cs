using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;

namespace Portico.Proxy.Matching;

/// <summary>
/// The GRPCRoute entries of one virtual host. Every exact <c>/service/method</c> path named by any entry gets a
/// precomputed candidate list — all entries, in precedence order, whose method match accepts that path (regexes
/// evaluated once, at compile time) — so the common lookup is one dictionary probe whatever the number of routes.
/// The other entries (regex, service-only, method-only, any) are indexed by the literal start of the service they
/// accept (<see cref="LiteralPrefix"/>; the whole name for an exact service, empty for a method-only match): a path
/// that is not an exact one probes that index once per distinct prefix length and tests only the entries whose
/// prefix starts its service, keeping the first in precedence order. Lookups allocate nothing.
/// </summary>
internal sealed class GrpcMatcher
{
    private readonly Dictionary<string, CompiledGrpcEntry[]> _exact;
    private readonly Dictionary<string, Ranked[]> _generic;
    private readonly int[] _prefixLengths; // distinct keys' lengths of _generic, ascending

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public GrpcMatcher(IReadOnlyList<CompiledGrpcEntry> entries)
    {
        // Exact paths are most entries and nearly all distinct: they are grouped by sorting (path, then precedence),
        // not with a list per path; the generic entries, few, by prefix.
        var byPrefix = new Dictionary<string, List<Ranked>>(StringComparer.Ordinal);
        var exactCount = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Method.ExactPath is not null)
            {
                exactCount++;
                continue;
            }

            if (!byPrefix.TryGetValue(e.Method.ServicePrefix, out var list))
            {
                byPrefix[e.Method.ServicePrefix] = list = [];
            }

            list.Add(new Ranked(i, e));
        }

        var byPath = new Ranked[exactCount];
        for (int i = 0, k = 0; i < entries.Count; i++)
        {
            if (entries[i].Method.ExactPath is not null)
            {
                byPath[k++] = new Ranked(i, entries[i]);
            }
        }

        Array.Sort(byPath, static (a, b) => string.CompareOrdinal(a.Entry.Method.ExactPath, b.Entry.Method.ExactPath) is var c && c != 0 ? c : a.Index.CompareTo(b.Index));

        _generic = new Dictionary<string, Ranked[]>(byPrefix.Count, StringComparer.Ordinal);
        foreach (var (prefix, list) in byPrefix)
        {
            _generic[prefix] = [.. list];
        }

        _prefixLengths = [.. byPrefix.Keys.Select(k => k.Length).Distinct().Order()];

        // Candidates per exact path, in precedence order: the exact entries for that path merged with the generic
        // entries that accept it, found through the prefix index (O(entries + paths × prefix lengths + matches)).
        _exact = new Dictionary<string, CompiledGrpcEntry[]>(byPath.Length, StringComparer.Ordinal);
        var matching = new List<Ranked>();
        for (var start = 0; start < byPath.Length;)
        {
            var path = byPath[start].Entry.Method.ExactPath!;
            var end = start + 1;
            while (end < byPath.Length && string.Equals(byPath[end].Entry.Method.ExactPath, path, StringComparison.Ordinal))
            {
                end++;
            }

            var exact = new ArraySegment<Ranked>(byPath, start, end - start);
            start = end;
            matching.Clear();
            var service = ServiceOf(path);
            foreach (var length in _prefixLengths)
            {
                if (length > service.Length)
                {
                    break;
                }

                if (_generic.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(service[..length], out var candidates))
                {
                    foreach (var c in candidates)
                    {
                        if (c.Entry.Method.Matches(path))
                        {
                            matching.Add(c);
                        }
                    }
                }
            }

            _exact[path] = matching.Count == 0
                ? EntriesOf(exact)
                : [.. exact.Concat(matching).OrderBy(x => x.Index).Select(x => x.Entry)];
        }
    }

    private static CompiledGrpcEntry[] EntriesOf(ArraySegment<Ranked> ranked)
    {
        var result = new CompiledGrpcEntry[ranked.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ranked[i].Entry;
        }

        return result;
    }

    public bool IsEmpty => _exact.Count == 0 && _generic.Count == 0;

    public CompiledGrpcEntry? Match(string path, IHeaderDictionary headers)
    {
        if (_exact.TryGetValue(path, out var candidates))
        {
            foreach (var e in candidates)
            {
                if (HeaderMatcher.All(e.Headers, headers))
                {
                    return e;
                }
            }

            return null;
        }

        if (_generic.Count == 0)
        {
            return null;
        }

        // Every list holds entries in precedence order; the first match of each list is its best, the lowest index wins.
        var service = ServiceOf(path);
        var lookup = _generic.GetAlternateLookup<ReadOnlySpan<char>>();
        CompiledGrpcEntry? best = null;
        var bestIndex = int.MaxValue;
        foreach (var length in _prefixLengths)
        {
            if (length > service.Length)
            {
                break;
            }

            if (!lookup.TryGetValue(service[..length], out var list))
            {
                continue;
            }

            foreach (var (index, e) in list)
            {
                if (index >= bestIndex)
                {
                    break;
                }

                if (e.Method.Matches(path) && HeaderMatcher.All(e.Headers, headers))
                {
                    (best, bestIndex) = (e, index);
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The service of <c>/service/method</c> (the text between the first two slashes); empty otherwise.</summary>
    private static ReadOnlySpan<char> ServiceOf(string path)
    {
        if (path.Length < 2 || path[0] != '/')
        {
            return default;
        }

        var slash = path.IndexOf('/', 1);
        return slash < 0 ? default : path.AsSpan(1, slash - 1);
    }

    private readonly record struct Ranked(int Index, CompiledGrpcEntry Entry);
}
