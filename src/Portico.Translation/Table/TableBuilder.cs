using System.Runtime.CompilerServices;
using Portico.Routing.Backends;
using Portico.Routing.Table;
using Portico.Translation.Common;
using Portico.Translation.Gateways;
using Portico.Translation.Routes;
using ListenerProtocol = Portico.Routing.Table.ListenerProtocol;

namespace Portico.Translation.Table;

/// <summary>
/// Last phase: the route table. Programmable listeners only; each accepted attachment contributes its route's
/// entries under every hostname it shares with the listener.
/// </summary>
internal static class TableBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public static RouteTable Build(List<GatewayState> gateways, List<(IRouteUnit Route, ListenerState Listener)> attachments,
        IReadOnlyDictionary<string, BackendConfig> backends, Dictionary<string, CertificateConfig> certificates)
    {
        var hosts = new Dictionary<ListenerState, Dictionary<string, VirtualHostBuilder>>();
        foreach (var (route, listener) in attachments)
        {
            if (!listener.Programmable)
            {
                continue;
            }

            if (!hosts.TryGetValue(listener, out var byName))
            {
                hosts[listener] = byName = new Dictionary<string, VirtualHostBuilder>(StringComparer.Ordinal);
            }

            foreach (var hostname in EffectiveHostnames(listener.Hostname, route.Hostnames))
            {
                if (!byName.TryGetValue(hostname, out var vh))
                {
                    byName[hostname] = vh = new VirtualHostBuilder(hostname);
                }

                route.Emit(hostname, vh);
            }
        }

        var listeners = new List<ListenerConfig>();
        var usedCertificates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var gw in gateways)
        {
            foreach (var l in gw.Listeners)
            {
                if (!l.Programmable)
                {
                    continue;
                }

                var vhosts = hosts.TryGetValue(l, out var byName)
                    ? byName.Values.OrderBy(v => v.Hostname, Comparer<string>.Create(VirtualHostBuilder.CompareHostnames)).Select(v => v.Build()).ToList()
                    : [];
                usedCertificates.UnionWith(l.CertificateIds);
                listeners.Add(new ListenerConfig
                {
                    Id = $"gateway/{gw.Namespace}/{gw.Name}/listener/{l.Name}",
                    Gateway = $"{gw.Namespace}/{gw.Name}",
                    Name = l.Name,
                    Addresses = [.. gw.Addresses],
                    Port = l.Port,
                    Protocol = l.IsHttps ? ListenerProtocol.Https : ListenerProtocol.Http,
                    Hostname = l.Hostname,
                    CertificateIds = [.. l.CertificateIds],
                    VirtualHosts = vhosts,
                });
            }
        }

        listeners.Sort(static (a, b) => a.Port != b.Port ? a.Port.CompareTo(b.Port) : string.CompareOrdinal(a.Id, b.Id));

        // Only what a served listener or route can reach goes into the table.
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in listeners)
        {
            foreach (var vh in l.VirtualHosts)
            {
                foreach (var e in vh.GrpcRoutes)
                {
                    Collect(e.Action, reachable);
                }

                foreach (var e in vh.HttpRoutes)
                {
                    Collect(e.Action, reachable);
                }
            }
        }

        return new RouteTable
        {
            Listeners = listeners,
            Backends = [.. backends.Values.Where(b => reachable.Contains(b.Id)).OrderBy(b => b.Id, StringComparer.Ordinal)],
            Certificates = [.. usedCertificates.Select(id => certificates[id])],
        };
    }

    /// <summary>The hostnames a route serves on a listener: its own intersected with the listener's, or the listener's.</summary>
    public static List<string> EffectiveHostnames(string? listenerHostname, IReadOnlyList<string> routeHostnames)
    {
        var result = new List<string>();
        if (routeHostnames.Count == 0)
        {
            result.Add(listenerHostname ?? "*");
            return result;
        }

        foreach (var h in routeHostnames)
        {
            if (Hostnames.Intersect(listenerHostname, h) is { } i && !result.Contains(i))
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static void Collect(Routing.Actions.RouteAction action, HashSet<string> ids)
    {
        foreach (var m in action.Mirrors)
        {
            ids.Add(m.BackendId);
        }

        foreach (var d in action.Destinations)
        {
            if (d.BackendId is not null)
            {
                ids.Add(d.BackendId);
            }

            foreach (var m in d.Mirrors)
            {
                ids.Add(m.BackendId);
            }
        }
    }
}
