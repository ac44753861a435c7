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
        _generic = [.. entries.Where(e => e.Method.ExactPath is null)];
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e.Method.ExactPath is { } p)
            {
                paths.Add(p);
            }
        }

        _exact = new Dictionary<string, CompiledGrpcEntry[]>(paths.Count, StringComparer.Ordinal);
        foreach (var p in paths)
        {
            _exact[p] = [.. entries.Where(e => e.Method.Matches(p))];
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
