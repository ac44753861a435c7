using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Translation.Common;
using Portico.Translation.Gateways;

namespace Portico.Translation.Routes;

/// <summary>
/// Attaches a route to its parents (reference §1.9, §3.4). Per parentRef, in this order: the listeners it names
/// (<c>sectionName</c>, <c>port</c>) → <c>NoMatchingParent</c>; those allowing the route's kind and namespace →
/// <c>NotAllowedByListeners</c>; those sharing a hostname → <c>NoMatchingListenerHostname</c>; a route without a
/// single valid rule → <c>UnsupportedValue</c>. Parents that are not ours (missing Gateway, foreign class, unknown
/// kind) get no entry at all.
/// </summary>
internal static class ParentAttacher
{
    public sealed record ParentResult(ParentReference ParentRef, Condition Accepted, List<ListenerState> Listeners);

    public static List<ParentResult> Attach(IRouteUnit route, Dictionary<(string, string), GatewayState> gateways)
    {
        var results = new List<ParentResult>();
        var seen = new HashSet<ParentReference>();
        var g = route.Route.Generation;
        foreach (var p in route.ParentRefs)
        {
            if (!seen.Add(p))
            {
                continue; // one entry per distinct parentRef.
            }

            if (p.Group == GatewayApiGroup.Core && p.Kind == GatewayApiGroup.ServiceKind)
            {
                // GAMMA (reference §6): say truthfully that east-west routing is not served yet.
                results.Add(new ParentResult(p, Conditions.Make(ConditionType.Accepted, false, ConditionReason.UnsupportedValue,
                    $"Service parentRef {p.Namespace ?? route.Route.Namespace}/{p.Name}: GAMMA mesh routing is not implemented by Portico yet; this route does not affect east-west traffic", g), []));
                continue;
            }

            if (p.Group != GatewayApiGroup.Name || p.Kind != GatewayApiGroup.GatewayKind ||
                !gateways.TryGetValue((p.Namespace ?? route.Route.Namespace, p.Name), out var gw))
            {
                continue;
            }

            results.Add(AttachToGateway(route, p, gw, g));
        }

        return results;
    }

    private static ParentResult AttachToGateway(IRouteUnit route, ParentReference p, GatewayState gw, long g)
    {
        if (route.SpecError is { } specError)
        {
            return Reject(p, ConditionReason.UnsupportedValue, specError, g);
        }

        var named = gw.Listeners.Where(l => (p.SectionName is null || l.Name == p.SectionName) && (p.Port is null || l.Port == p.Port)).ToList();
        if (named.Count == 0)
        {
            var what = (p.SectionName, p.Port) switch
            {
                (not null, not null) => $"listener \"{p.SectionName}\" on port {p.Port}",
                (not null, null) => $"listener \"{p.SectionName}\"",
                (null, not null) => $"listener on port {p.Port}",
                _ => "listener",
            };
            return Reject(p, ConditionReason.NoMatchingParent, $"Gateway {gw.Namespace}/{gw.Name} has no {what}", g);
        }

        var ns = route.Route.Namespace;
        var allowed = named.Where(l => l.SupportsKind(route.Kind) && l.AllowsNamespace is { } allows && allows(ns)).ToList();
        if (allowed.Count == 0)
        {
            var kindOk = named.Any(l => l.SupportsKind(route.Kind));
            return Reject(p, ConditionReason.NotAllowedByListeners, kindOk
                ? $"No listener of Gateway {gw.Namespace}/{gw.Name} allows routes from namespace {ns}"
                : $"No listener of Gateway {gw.Namespace}/{gw.Name} allows {route.Kind}", g);
        }

        var matching = allowed.Where(l => route.Hostnames.Count == 0 || route.Hostnames.Any(h => Hostnames.Intersect(l.Hostname, h) is not null)).ToList();
        if (matching.Count == 0)
        {
            return Reject(p, ConditionReason.NoMatchingListenerHostname,
                $"No hostname of the route intersects a listener hostname ({string.Join(", ", allowed.Select(l => l.Hostname ?? "*").Distinct())})", g);
        }

        if (route.ValidRuleCount == 0 && route.DroppedRules.Count > 0)
        {
            return Reject(p, ConditionReason.UnsupportedValue, $"No valid rule: {string.Join("; ", route.DroppedRules)}", g);
        }

        // The binding is valid, so the route is Accepted (the spec: "the route's availability is also subject to the
        // Gateway's own status conditions and listener status"; cert-manager and external-dns rely on this while a
        // listener's certificate is still being issued). When none of its listeners is served, the message says so
        // and points at the listener status, so `portico describe` shows why no traffic arrives.
        var message = "Route is accepted";
        if (!matching.Exists(l => l.Programmable))
        {
            message = $"Route is accepted, but no traffic reaches it yet: {Listeners(matching)} of Gateway {gw.Namespace}/{gw.Name} " +
                $"{(matching.Count == 1 ? "is" : "are")} not programmed ({string.Join(", ", matching.Select(NotProgrammedReason).Distinct())}); see the Gateway's listener status";
        }

        return new ParentResult(p, Conditions.Make(ConditionType.Accepted, true, ConditionReason.Accepted, message, g), matching);
    }

    private static string Listeners(List<ListenerState> listeners) =>
        (listeners.Count == 1 ? "listener " : "listeners ") + string.Join(", ", listeners.Select(l => l.Name));

    /// <summary>The listener's own <c>Programmed=False</c> reason and message, as its status shows them.</summary>
    private static string NotProgrammedReason(ListenerState l)
    {
        var programmed = GatewayStatusBuilder.ProgrammedCondition(l.Gateway, l, 0);
        return $"{programmed.Reason}: {programmed.Message}";
    }

    private static ParentResult Reject(ParentReference p, string reason, string message, long g) =>
        new(p, Conditions.Make(ConditionType.Accepted, false, reason, message, g), []);
}
