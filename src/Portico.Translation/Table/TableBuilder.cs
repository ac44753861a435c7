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
        // Which route goes to which virtual host first, then the entries: each host's lists are sized once.
        var hosts = new Dictionary<ListenerState, Dictionary<string, VirtualHostBuilder>>();
        var placements = new List<(IRouteUnit Route, string Hostname, VirtualHostBuilder Host)>(attachments.Count);
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

            // The hostnames the route serves here: its own intersected with the listener's, or the listener's.
            var routeHostnames = route.Hostnames;
            if (routeHostnames.Count == 0)
            {
                Place(route, listener.Hostname ?? "*", byName, placements);
                continue;
            }

            for (var i = 0; i < routeHostnames.Count; i++)
            {
                if (Hostnames.Intersect(listener.Hostname, routeHostnames[i]) is { } hostname && !IntersectsEarlier(listener.Hostname, routeHostnames, i, hostname))
                {
                    Place(route, hostname, byName, placements);
                }
            }
        }

        foreach (var byName in hosts.Values)
        {
            foreach (var vh in byName.Values)
            {
                vh.Allocate();
            }
        }

        foreach (var (route, hostname, vh) in placements)
        {
            route.Emit(hostname, vh);
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

                var vhosts = hosts.TryGetValue(l, out var byName) ? Build(byName) : [];
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

    private static List<VirtualHostConfig> Build(Dictionary<string, VirtualHostBuilder> byName)
    {
        var builders = new VirtualHostBuilder[byName.Count];
        byName.Values.CopyTo(builders, 0);
        Array.Sort(builders, static (a, b) => VirtualHostBuilder.CompareHostnames(a.Hostname, b.Hostname));
        var result = new List<VirtualHostConfig>(builders.Length);
        foreach (var b in builders)
        {
            result.Add(b.Build());
        }

        return result;
    }

    private static void Place(IRouteUnit route, string hostname, Dictionary<string, VirtualHostBuilder> byName, List<(IRouteUnit, string, VirtualHostBuilder)> placements)
    {
        if (!byName.TryGetValue(hostname, out var vh))
        {
            byName[hostname] = vh = new VirtualHostBuilder(hostname);
        }

        route.Reserve(vh);
        placements.Add((route, hostname, vh));
    }

    /// <summary>Whether an earlier route hostname gives the same intersection (each hostname is served once).</summary>
    private static bool IntersectsEarlier(string? listenerHostname, IReadOnlyList<string> routeHostnames, int index, string hostname)
    {
        for (var j = 0; j < index; j++)
        {
            if (Hostnames.Intersect(listenerHostname, routeHostnames[j]) == hostname)
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(Routing.Actions.RouteAction action, HashSet<string> ids)
    {
        for (var i = 0; i < action.Mirrors.Count; i++)
        {
            ids.Add(action.Mirrors[i].BackendId);
        }

        for (var i = 0; i < action.Destinations.Count; i++)
        {
            var d = action.Destinations[i];
            if (d.BackendId is not null)
            {
                ids.Add(d.BackendId);
            }

            for (var j = 0; j < d.Mirrors.Count; j++)
            {
                ids.Add(d.Mirrors[j].BackendId);
            }
        }
    }
}
