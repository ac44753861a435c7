using System.Collections.Concurrent;

namespace Portico.Proxy.Metrics;

/// <summary>
/// <c>:path</c> → <see cref="GrpcMethodStats"/>, with the cardinality guard: calls that matched no route share
/// <c>unknown</c>/<c>unknown</c>, so do paths that are not <c>/service/method</c>; once <see cref="Capacity"/>
/// distinct pairs exist (regex and prefix routes let clients choose method names) new ones share
/// <c>other</c>/<c>other</c>. The table never grows past the cap.
/// <para>
/// Cost per call: one <see cref="ConcurrentDictionary{TKey,TValue}"/> lookup by the path string (lock-free read,
/// hashing the path: tens of ns). The first call of a method parses the path and allocates its entry.
/// </para>
/// </summary>
internal sealed class GrpcMethodTable
{
    /// <summary>Longest <c>/service/method</c> path that gets labels of its own; longer ones count as <c>other</c>.</summary>
    public const int MaxPathLength = 256;

    private readonly ConcurrentDictionary<string, GrpcMethodStats> _methods = new(StringComparer.Ordinal);
    private readonly GrpcFamilies _families;

    public GrpcMethodTable(GrpcFamilies families, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _families = families;
        Capacity = capacity;
        Unknown = new GrpcMethodStats(families, "unknown", "unknown", learns: false);
        Other = new GrpcMethodStats(families, "other", "other", learns: false);
    }

    public int Capacity { get; }

    /// <summary>Calls that matched no route, or whose path is not <c>/service/method</c>.</summary>
    public GrpcMethodStats Unknown { get; }

    /// <summary>Methods past the cap (or with overlong paths).</summary>
    public GrpcMethodStats Other { get; }

    /// <summary>Distinct service/method pairs with labels of their own.</summary>
    public int Count => _methods.Count;

    public GrpcMethodStats Get(string path)
    {
        if (_methods.TryGetValue(path, out var stats))
        {
            return stats;
        }

        return Add(path);
    }

    private GrpcMethodStats Add(string path)
    {
        // "/pkg.Service/Method": both parts non-empty, no further '/'.
        var slash = path.Length > 1 && path[0] == '/' ? path.IndexOf('/', 1) : -1;
        if (slash <= 1 || slash == path.Length - 1 || path.IndexOf('/', slash + 1) >= 0)
        {
            return Unknown;
        }

        if (path.Length > MaxPathLength || _methods.Count >= Capacity)
        {
            return Other;
        }

        // Several threads may race past the count check; the overshoot is bounded by the number of threads.
        return _methods.GetOrAdd(path, static (p, s) =>
        {
            var i = p.IndexOf('/', 1);
            return new GrpcMethodStats(s, p[1..i], p[(i + 1)..], learns: true);
        }, _families);
    }
}
