using System.Globalization;
using Portico.Proxy.Compilation;
using Portico.Proxy.Matching;
using Portico.Routing.Actions;
using Portico.Routing.Matching;
using Portico.Routing.Table;

namespace Portico.Benchmarks;

/// <summary>
/// Compiled lookup structures of a given size, built the way <c>TableCompiler</c> builds them (from the routing
/// model), without sockets, backends or certificates: only what a lookup touches.
/// </summary>
internal static class LookupTables
{
    private static readonly CompiledAction Action = new() { Source = new RouteAction() };

    /// <summary>
    /// <paramref name="routes"/> GRPCRoute entries: every 10th a regex method (<c>regex.v1.Service{i}</c>/<c>Get.*</c>),
    /// every 20th (i % 20 == 4) an exact one with a header match (<c>x-tenant: t{i}</c>), the rest exact <c>/bench.v1.Service{i}/Method{i}</c>.
    /// </summary>
    public static GrpcMatcher Grpc(int routes)
    {
        var entries = new List<CompiledGrpcEntry>(routes);
        for (var i = 0; i < routes; i++)
        {
            GrpcMethodMatch method = i % 10 == 9
                ? new() { Kind = GrpcMethodMatchKind.RegularExpression, Service = $"regex\\.v1\\.Service{I(i)}", Method = "Get.*" }
                : new() { Kind = GrpcMethodMatchKind.Exact, Service = $"bench.v1.Service{I(i)}", Method = $"Method{I(i)}" };
            IReadOnlyList<HeaderMatch> headers = i % 20 == 4 ? [new HeaderMatch { Name = "x-tenant", Value = $"t{I(i)}" }] : [];
            entries.Add(new CompiledGrpcEntry(new GrpcRouteEntry { Method = method, Headers = headers }, Action));
        }

        return new GrpcMatcher(entries);
    }

    /// <summary>An index near the middle whose entry is of the kind asked for (i % 10 == 9: regex; i % 20 == 4: header).</summary>
    public static int Middle(int routes, int residue, int modulus)
    {
        var i = routes / 2;
        i -= i % modulus;
        i += residue;
        return i < routes ? i : residue;
    }

    /// <summary>
    /// A listener with <c>max(1, routes / 10)</c> exact hostnames (<c>h{i}.example.com</c>), 4 wildcards
    /// (<c>*.w{k}.example.com</c>) and <c>*</c>; each virtual host is empty (HostAt only walks hosts).
    /// </summary>
    public static CompiledListener Listener(int routes)
    {
        var hosts = new List<CompiledVirtualHost>();
        for (var i = 0; i < Math.Max(1, routes / 10); i++)
        {
            hosts.Add(Host($"h{I(i)}.example.com", []));
        }

        for (var k = 0; k < 4; k++)
        {
            hosts.Add(Host($"*.w{I(k)}.example.com", []));
        }

        hosts.Add(Host("*", []));
        return new CompiledListener(new ListenerConfig { Id = "bench", Port = 8080 }, hosts);
    }

    /// <summary><paramref name="routes"/> HTTPRoute entries with segment prefixes <c>/api/v{i}</c>, in precedence order.</summary>
    public static CompiledVirtualHost Http(int routes)
    {
        var entries = new CompiledHttpEntry[routes];
        for (var i = 0; i < routes; i++)
        {
            entries[i] = new CompiledHttpEntry(new HttpRouteEntry { Path = new PathMatch { Kind = PathMatchKind.PathPrefix, Value = $"/api/v{I(i)}" } }, Action);
        }

        return Host("*", entries);
    }

    private static CompiledVirtualHost Host(string name, CompiledHttpEntry[] http) => new(name, new GrpcMatcher([]), http);

    public static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}
