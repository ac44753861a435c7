using System.Runtime.CompilerServices;
using Portico.Routing.Matching;
using Portico.Routing.Table;

namespace Portico.Translation.Table;

/// <summary>Collects the entries of one hostname on one listener, then sorts them by precedence, per kind.</summary>
internal sealed class VirtualHostBuilder(string hostname)
{
    private readonly List<RankedEntry<GrpcRouteEntry>> _grpc = [];
    private readonly List<RankedEntry<HttpRouteEntry>> _http = [];

    public string Hostname { get; } = hostname;

    // Entries announced before they are added, so each list is sized once (see Allocate).
    private int _grpcReserved;
    private int _httpReserved;

    public void ReserveGrpc(int entries) => _grpcReserved += entries;

    public void ReserveHttp(int entries) => _httpReserved += entries;

    /// <summary>Sizes both lists for everything reserved so far.</summary>
    public void Allocate()
    {
        _grpc.EnsureCapacity(_grpcReserved);
        _http.EnsureCapacity(_httpReserved);
    }

    public void Add(RankedEntry<GrpcRouteEntry> entry) => _grpc.Add(entry);

    public void Add(RankedEntry<HttpRouteEntry> entry) => _http.Add(entry);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public VirtualHostConfig Build()
    {
        // Precedence is computed per kind and never merged across GRPCRoutes and HTTPRoutes (reference §1.2).
        _grpc.Sort(PrecedenceComparer<GrpcRouteEntry>.Instance);
        _http.Sort(PrecedenceComparer<HttpRouteEntry>.Instance);
        return new VirtualHostConfig
        {
            Hostname = Hostname,
            GrpcRoutes = Entries(_grpc),
            HttpRoutes = Entries(_http),
        };
    }

    private static T[] Entries<T>(List<RankedEntry<T>> ranked)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        var result = new T[ranked.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ranked[i].Entry;
        }

        return result;
    }

    /// <summary>
    /// Virtual host order within a listener: exact hostnames (ordinal, they never compete), then wildcards with the
    /// most characters first, then <c>*</c>. Trying them in this order and taking the first matching route is the
    /// spec's precedence, whose first keys are non-wildcard hostname characters, then hostname characters.
    /// </summary>
    public static int CompareHostnames(string a, string b)
    {
        static int Rank(string h) => h == "*" ? 2 : h.StartsWith("*.", StringComparison.Ordinal) ? 1 : 0;
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        if (ra == 1 && a.Length != b.Length)
        {
            return b.Length.CompareTo(a.Length);
        }

        return string.CompareOrdinal(a, b);
    }
}
