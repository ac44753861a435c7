using System.Runtime.CompilerServices;
using System.Net.Security;
using Portico.Proxy.Backends;
using Portico.Proxy.Listeners;
using Portico.Proxy.Matching;
using Portico.Routing.Actions;
using Portico.Routing.Table;

namespace Portico.Proxy.Compilation;

/// <summary>
/// Compiles a <see cref="RouteTable"/> for serving: listeners grouped into sockets (address × port), virtual hosts
/// into matchers, actions into weighted pickers over backend pools, certificates into TLS contexts.
/// </summary>
internal sealed class TableCompiler(EndpointRegistry endpoints, CertificateCache certificates, LoadBalancingPolicy policy)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public CompiledTable Compile(RouteTable table, long version)
    {
        var backends = table.Backends.ToDictionary(b => b.Id, b => new BackendPool(b, endpoints, policy), StringComparer.Ordinal);
        var contexts = new Dictionary<string, SslStreamCertificateContext>(StringComparer.Ordinal);
        foreach (var c in table.Certificates)
        {
            contexts[c.Id] = certificates.Get(c);
        }

        var grouped = new Dictionary<string, (SocketSpec Spec, List<CompiledListener> Listeners)>(StringComparer.Ordinal);
        foreach (var l in table.Listeners)
        {
            var compiled = new CompiledListener(l, l.VirtualHosts.Select(vh => CompileHost(vh, backends)));
            foreach (var address in l.Addresses)
            {
                var spec = new SocketSpec(address, l.Port, l.Protocol == ListenerProtocol.Https);
                if (!grouped.TryGetValue(spec.Key, out var group))
                {
                    grouped[spec.Key] = group = (spec, []);
                }

                group.Listeners.Add(compiled);
            }
        }

        var sockets = new Dictionary<string, CompiledSocket>(StringComparer.Ordinal);
        foreach (var (key, group) in grouped)
        {
            group.Listeners.Sort(static (a, b) => ListenerRank(a.Config.Hostname).CompareTo(ListenerRank(b.Config.Hostname)) is var c && c != 0
                ? c
                : string.CompareOrdinal(a.Config.Id, b.Config.Id));
            sockets[key] = new CompiledSocket(group.Spec, [.. group.Listeners], contexts);
        }

        certificates.Retain(table.Certificates);
        return new CompiledTable(table, version, sockets, backends);
    }

    /// <summary>Exact hostnames first, then wildcards with more characters, then no hostname.</summary>
    private static long ListenerRank(string? hostname) => hostname switch
    {
        null => long.MaxValue,
        _ when hostname.StartsWith("*.", StringComparison.Ordinal) => 1_000_000 - hostname.Length,
        _ => 0,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    private static CompiledVirtualHost CompileHost(VirtualHostConfig vh, Dictionary<string, BackendPool> backends)
    {
        // Entries sharing one action (the matches of one rule) share one compiled action and one weight counter.
        var actions = new Dictionary<RouteAction, CompiledAction>(ReferenceEqualityComparer.Instance);
        CompiledAction Action(RouteAction a) => actions.TryGetValue(a, out var c) ? c : actions[a] = CompileAction(a, backends);
        var grpc = new GrpcMatcher([.. vh.GrpcRoutes.Select(e => new CompiledGrpcEntry(e, Action(e.Action)))]);
        var http = vh.HttpRoutes.Select(e => new CompiledHttpEntry(e, Action(e.Action))).ToArray();
        return new CompiledVirtualHost(vh.Hostname, grpc, http);
    }

    private static CompiledAction CompileAction(RouteAction a, Dictionary<string, BackendPool> backends)
    {
        var destinations = a.Destinations.Select(d => new CompiledDestination
        {
            Backend = d.BackendId is null ? null : backends[d.BackendId],
            Failure = d.Failure,
            RequestHeaders = CompiledHeaders.From(d.RequestHeaders),
            ResponseHeaders = CompiledHeaders.From(d.ResponseHeaders),
            Mirrors = Mirrors(d.Mirrors, backends),
            Redirect = d.Redirect,
            Rewrite = d.Rewrite,
        }).ToArray();
        return new CompiledAction
        {
            Source = a,
            RequestHeaders = CompiledHeaders.From(a.RequestHeaders),
            ResponseHeaders = CompiledHeaders.From(a.ResponseHeaders),
            Mirrors = Mirrors(a.Mirrors, backends),
            DirectResponse = a.DirectResponse,
            Redirect = a.Redirect,
            Rewrite = a.Rewrite,
            Destinations = destinations,
            Picker = destinations.Length > 1 ? new WeightPicker([.. a.Destinations.Select(d => d.Weight)]) : null,
            // Without retries the one upstream attempt is the whole request, so timeouts.backendRequest bounds it too.
            RequestTimeout = a.BackendRequestTimeout is { } backend && (a.RequestTimeout is null || backend < a.RequestTimeout) ? backend : a.RequestTimeout,
        };
    }

    private static CompiledMirror[] Mirrors(IReadOnlyList<MirrorPolicy> mirrors, Dictionary<string, BackendPool> backends) =>
        [.. mirrors.Select(m => new CompiledMirror(backends[m.BackendId], m.Numerator, m.Denominator))];
}
