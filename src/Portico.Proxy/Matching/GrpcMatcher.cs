using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;

namespace Portico.Proxy.Matching;

/// <summary>
/// The GRPCRoute entries of one virtual host. Every exact <c>/service/method</c> path named by any entry gets a
/// precomputed candidate list — all entries, in precedence order, whose method match accepts that path (regexes
/// evaluated once, at compile time) — so the common lookup is one dictionary probe whatever the number of routes.
/// Other paths scan only the entries that are not exact service+method matches.
/// </summary>
internal sealed class GrpcMatcher
{
    private readonly Dictionary<string, CompiledGrpcEntry[]> _exact;
    private readonly CompiledGrpcEntry[] _generic;

    public GrpcMatcher(IReadOnlyList<CompiledGrpcEntry> entries)
    {
        // Candidates per exact path, in precedence order: the exact entries for that path merged with the generic
        // entries that accept it. Grouping the exact entries first keeps this O(entries + paths × generic) rather
        // than testing every entry against every path (quadratic: seconds at 10,000 routes).
        var generic = new List<(int Index, CompiledGrpcEntry Entry)>();
        var byPath = new Dictionary<string, List<(int Index, CompiledGrpcEntry Entry)>>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Method.ExactPath is { } p)
            {
                if (!byPath.TryGetValue(p, out var list))
                {
                    byPath[p] = list = [];
                }

                list.Add((i, e));
            }
            else
            {
                generic.Add((i, e));
            }
        }

        _generic = [.. generic.Select(g => g.Entry)];
        _exact = new Dictionary<string, CompiledGrpcEntry[]>(byPath.Count, StringComparer.Ordinal);
        foreach (var (path, exact) in byPath)
        {
            var matching = generic.Where(g => g.Entry.Method.Matches(path)).ToList();
            _exact[path] = matching.Count == 0
                ? [.. exact.Select(x => x.Entry)]
                : [.. exact.Concat(matching).OrderBy(x => x.Index).Select(x => x.Entry)];
        }
    }

    public bool IsEmpty => _exact.Count == 0 && _generic.Length == 0;

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

        foreach (var e in _generic)
        {
            if (e.Method.Matches(path) && HeaderMatcher.All(e.Headers, headers))
            {
                return e;
            }
        }

        return null;
    }
}
