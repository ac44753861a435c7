using System.Net;
using Portico.Model.GatewayApi;
using Portico.Translation.Common;

namespace Portico.Translation.Gateways;

/// <summary>
/// Listener distinctness (reference §2.4). Within one Gateway, every listener in a conflicting group is refused
/// (the spec forbids picking a winner). Across Gateways that would share a socket, the older Gateway
/// (creationTimestamp, then namespace/name) keeps the port and the newer listener is refused: a new Gateway
/// must never take traffic away from one that already serves. Then HTTPS listeners with overlapping hostnames on
/// one port are flagged <c>OverlappingTLSConfig</c>.
/// </summary>
internal static class ListenerConflicts
{
    public static void Detect(List<GatewayState> gateways)
    {
        foreach (var gw in gateways)
        {
            WithinGateway(gw);
        }

        var byAge = gateways.OrderBy(g => g.Created).ThenBy(g => g.Namespace, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal);
        var claimed = new List<ListenerState>();
        foreach (var gw in byAge)
        {
            var mine = new List<ListenerState>();
            foreach (var l in gw.Listeners)
            {
                if (l.AcceptProblem is not null || l.Conflict is not null)
                {
                    continue;
                }

                foreach (var other in claimed)
                {
                    if (other.Port != l.Port || !AddressesOverlap(gw.Addresses, other.Gateway.Addresses))
                    {
                        continue;
                    }

                    var owner = $"Gateway {other.Gateway.Namespace}/{other.Gateway.Name} listener {other.Name}";
                    if (other.Spec.Protocol != l.Spec.Protocol)
                    {
                        l.Conflict = new Problem(ConditionReason.ProtocolConflict,
                            $"port {l.Port} is already served with protocol {other.Spec.Protocol} by {owner}");
                        break;
                    }

                    if (other.Hostname == l.Hostname)
                    {
                        l.Conflict = new Problem(ConditionReason.HostnameConflict,
                            $"port {l.Port} with hostname \"{l.Hostname ?? "*"}\" is already served by {owner}");
                        break;
                    }
                }

                if (l.Conflict is null)
                {
                    mine.Add(l);
                }
            }

            claimed.AddRange(mine);
        }

        OverlappingTls(claimed);
    }

    private static void WithinGateway(GatewayState gw)
    {
        foreach (var byPort in gw.Listeners.Where(l => l.AcceptProblem is null).GroupBy(l => l.Port))
        {
            var group = byPort.ToList();
            if (group.Select(l => l.Spec.Protocol).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                var protocols = string.Join(", ", group.Select(l => $"{l.Name}={l.Spec.Protocol}"));
                foreach (var l in group)
                {
                    l.Conflict = new Problem(ConditionReason.ProtocolConflict, $"listeners on port {l.Port} use different protocols ({protocols})");
                }

                continue;
            }

            foreach (var same in group.GroupBy(l => l.Hostname ?? string.Empty, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var names = string.Join(", ", same.Select(l => l.Name));
                foreach (var l in same)
                {
                    l.Conflict = new Problem(ConditionReason.HostnameConflict,
                        $"listeners {names} share port {l.Port}, protocol {l.Spec.Protocol} and hostname \"{l.Hostname ?? "*"}\"");
                }
            }
        }
    }

    private static void OverlappingTls(List<ListenerState> serving)
    {
        var https = serving.Where(l => l.Spec.Protocol == ListenerProtocol.Https && l.Hostname is not null).ToList();
        foreach (var a in https)
        {
            foreach (var b in https)
            {
                if (ReferenceEquals(a, b) || a.Port != b.Port || !AddressesOverlap(a.Gateway.Addresses, b.Gateway.Addresses))
                {
                    continue;
                }

                if (Hostnames.IsWildcard(a.Hostname!) && Hostnames.WildcardCovers(a.Hostname!, b.Hostname!))
                {
                    var msg = $"hostnames \"{a.Hostname}\" and \"{b.Hostname}\" overlap on port {a.Port}; SNI picks the most specific";
                    a.OverlappingTls ??= msg;
                    b.OverlappingTls ??= msg;
                }
            }
        }
    }

    private static bool AddressesOverlap(List<string> a, List<string> b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y || IsAny(x) || IsAny(y))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAny(string address) =>
        IPAddress.TryParse(address, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
}
