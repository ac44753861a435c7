using System.Runtime.CompilerServices;
using System.Net.Security;
using Portico.Proxy.Backends;
using Portico.Proxy.Listeners;
using Portico.Proxy.Matching;
using Portico.Routing.Actions;
using Portico.Routing.Matching;
using Portico.Routing.Table;

namespace Portico.Proxy.Compilation;

/// <summary>
/// Compiles a <see cref="RouteTable"/> for serving: listeners grouped into sockets (address × port), virtual hosts
/// into matchers, actions into weighted pickers over backend pools, certificates into TLS contexts.
/// </summary>
/// <remarks>
/// Calls are serialized (<c>DataPlane.ApplyAsync</c> holds its apply lock), so the method matchers of the previous
/// table are kept here and reused for equal method matches in the next one: a one-route edit of a 5,000-route table
/// builds one matcher, not 5,000 (they are immutable and shared by both tables while the old one drains).
/// </remarks>
internal sealed class TableCompiler(EndpointRegistry endpoints, CertificateCache certificates, LoadBalancingPolicy policy)
{
    private Dictionary<GrpcMethodMatch, MethodMatcher> _methods = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public CompiledTable Compile(RouteTable table, long version)
    {
        var backends = new Dictionary<string, BackendPool>(table.Backends.Count, StringComparer.Ordinal);
        foreach (var b in table.Backends)
        {
            backends[b.Id] = new BackendPool(b, endpoints, policy);
        }

        var previousMethods = _methods;
        var methods = new Dictionary<GrpcMethodMatch, MethodMatcher>(previousMethods.Count);
        var contexts = new Dictionary<string, SslStreamCertificateContext>(StringComparer.Ordinal);
        foreach (var c in table.Certificates)
        {
            contexts[c.Id] = certificates.Get(c);
        }

        var grouped = new Dictionary<string, (SocketSpec Spec, List<CompiledListener> Listeners)>(StringComparer.Ordinal);
        foreach (var l in table.Listeners)
        {
            var hosts = new CompiledVirtualHost[l.VirtualHosts.Count];
            for (var i = 0; i < hosts.Length; i++)
            {
                hosts[i] = CompileHost(l.VirtualHosts[i], backends, previousMethods, methods);
            }

            var compiled = new CompiledListener(l, hosts);
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
        endpoints.Sweep(); // pods that left: the old table, while it drains, holds its own states
        _methods = methods;
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
    private static CompiledVirtualHost CompileHost(VirtualHostConfig vh, Dictionary<string, BackendPool> backends,
        Dictionary<GrpcMethodMatch, MethodMatcher> previousMethods, Dictionary<GrpcMethodMatch, MethodMatcher> methods)
    {
        // Entries sharing one action (the matches of one rule) share one compiled action and one weight counter.
        var actions = new Dictionary<RouteAction, CompiledAction>(vh.GrpcRoutes.Count + vh.HttpRoutes.Count, ReferenceEqualityComparer.Instance);
        var grpc = new CompiledGrpcEntry[vh.GrpcRoutes.Count];
        for (var i = 0; i < grpc.Length; i++)
        {
            var e = vh.GrpcRoutes[i];
            grpc[i] = new CompiledGrpcEntry(e, Method(e.Method, previousMethods, methods), Action(e.Action, actions, backends));
        }

        var http = new CompiledHttpEntry[vh.HttpRoutes.Count];
        for (var i = 0; i < http.Length; i++)
        {
            var e = vh.HttpRoutes[i];
            http[i] = new CompiledHttpEntry(e, Action(e.Action, actions, backends));
        }

        return new CompiledVirtualHost(vh.Hostname, new GrpcMatcher(grpc), http);
    }

    private static CompiledAction Action(RouteAction a, Dictionary<RouteAction, CompiledAction> actions, Dictionary<string, BackendPool> backends)
    {
        if (!actions.TryGetValue(a, out var compiled))
        {
            actions[a] = compiled = CompileAction(a, backends);
        }

        return compiled;
    }

    /// <summary>The matcher of an equal method match (by value) from this table or the previous one, else a new one.</summary>
    private static MethodMatcher Method(GrpcMethodMatch m, Dictionary<GrpcMethodMatch, MethodMatcher> previousMethods, Dictionary<GrpcMethodMatch, MethodMatcher> methods)
    {
        if (!methods.TryGetValue(m, out var matcher))
        {
            methods[m] = matcher = previousMethods.TryGetValue(m, out var previous) ? previous : new MethodMatcher(m);
        }

        return matcher;
    }

    private static CompiledAction CompileAction(RouteAction a, Dictionary<string, BackendPool> backends)
    {
        var destinations = a.Destinations.Count == 0 ? [] : new CompiledDestination[a.Destinations.Count];
        for (var i = 0; i < destinations.Length; i++)
        {
            var d = a.Destinations[i];
            destinations[i] = new CompiledDestination
            {
                Backend = d.BackendId is null ? null : backends[d.BackendId],
                Failure = d.Failure,
                RequestHeaders = CompiledHeaders.From(d.RequestHeaders),
                ResponseHeaders = CompiledHeaders.From(d.ResponseHeaders),
                Mirrors = Mirrors(d.Mirrors, backends),
                Redirect = d.Redirect,
                Rewrite = d.Rewrite,
            };
        }

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

    private static CompiledMirror[] Mirrors(IReadOnlyList<MirrorPolicy> mirrors, Dictionary<string, BackendPool> backends)
    {
        if (mirrors.Count == 0)
        {
            return [];
        }

        var result = new CompiledMirror[mirrors.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new CompiledMirror(backends[mirrors[i].BackendId], mirrors[i].Numerator, mirrors[i].Denominator);
        }

        return result;
    }
}
