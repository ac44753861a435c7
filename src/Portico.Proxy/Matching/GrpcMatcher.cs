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
        var byPrefix = new Dictionary<string, List<Ranked>>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, List<Ranked>>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var target = e.Method.ExactPath is { } p ? byPath : byPrefix;
            var key = e.Method.ExactPath ?? e.Method.ServicePrefix;
            if (!target.TryGetValue(key, out var list))
            {
                target[key] = list = [];
            }

            list.Add(new Ranked(i, e));
        }

        _generic = new Dictionary<string, Ranked[]>(byPrefix.Count, StringComparer.Ordinal);
        foreach (var (prefix, list) in byPrefix)
        {
            _generic[prefix] = [.. list];
        }

        _prefixLengths = [.. byPrefix.Keys.Select(k => k.Length).Distinct().Order()];

        // Candidates per exact path, in precedence order: the exact entries for that path merged with the generic
        // entries that accept it, found through the prefix index (O(entries + paths × prefix lengths + matches)).
        _exact = new Dictionary<string, CompiledGrpcEntry[]>(byPath.Count, StringComparer.Ordinal);
        var matching = new List<Ranked>();
        foreach (var (path, exact) in byPath)
        {
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
                    matching.AddRange(candidates.Where(c => c.Entry.Method.Matches(path)));
                }
            }

            _exact[path] = matching.Count == 0
                ? [.. exact.Select(x => x.Entry)]
                : [.. exact.Concat(matching).OrderBy(x => x.Index).Select(x => x.Entry)];
        }
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
