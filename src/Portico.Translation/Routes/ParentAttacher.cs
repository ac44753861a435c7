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

    public static List<ParentResult> Attach(IRouteUnit route, Dictionary<(string, string), GatewayState> gateways, RouteConditions shared)
    {
        var parentRefs = route.ParentRefs;
        var results = new List<ParentResult>(parentRefs.Count);
        var g = route.Route.Generation;
        for (var i = 0; i < parentRefs.Count; i++)
        {
            var p = parentRefs[i];
            if (SeenBefore(parentRefs, i))
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

            results.Add(AttachToGateway(route, p, gw, g, shared));
        }

        return results;
    }

    private static ParentResult AttachToGateway(IRouteUnit route, ParentReference p, GatewayState gw, long g, RouteConditions shared)
    {
        if (route.SpecError is { } specError)
        {
            return Reject(p, ConditionReason.UnsupportedValue, specError, g);
        }

        // Narrowed in three steps (named, allowed, sharing a hostname); a listener list is built only for the last.
        var named = 0;
        var allowed = 0;
        var kindOk = false;
        List<ListenerState>? matching = null;
        foreach (var l in gw.Listeners)
        {
            if ((p.SectionName is not null && l.Name != p.SectionName) || (p.Port is not null && l.Port != p.Port))
            {
                continue;
            }

            named++;
            if (!l.SupportsKind(route.Kind))
            {
                continue;
            }

            kindOk = true;
            if (l.AllowsNamespace is not { } allows || !allows(route.Route.Namespace))
            {
                continue;
            }

            allowed++;
            if (SharesHostname(l, route.Hostnames))
            {
                (matching ??= new List<ListenerState>(1)).Add(l);
            }
        }

        if (named == 0)
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
        if (allowed == 0)
        {
            return Reject(p, ConditionReason.NotAllowedByListeners, kindOk
                ? $"No listener of Gateway {gw.Namespace}/{gw.Name} allows routes from namespace {ns}"
                : $"No listener of Gateway {gw.Namespace}/{gw.Name} allows {route.Kind}", g);
        }

        if (matching is null)
        {
            return Reject(p, ConditionReason.NoMatchingListenerHostname,
                $"No hostname of the route intersects a listener hostname ({string.Join(", ", Allowed(gw, p, route).Select(l => l.Hostname ?? "*").Distinct())})", g);
        }

        if (route.ValidRuleCount == 0 && route.DroppedRules.Count > 0)
        {
            return Reject(p, ConditionReason.UnsupportedValue, $"No valid rule: {string.Join("; ", route.DroppedRules)}", g);
        }

        // The binding is valid, so the route is Accepted (the spec: "the route's availability is also subject to the
        // Gateway's own status conditions and listener status"; cert-manager and external-dns rely on this while a
        // listener's certificate is still being issued). When none of its listeners is served, the message says so
        // and points at the listener status, so `portico describe` shows why no traffic arrives.
        if (matching.Exists(l => l.Programmable))
        {
            return new ParentResult(p, shared.Accepted(g), matching);
        }

        var message = $"Route is accepted, but no traffic reaches it yet: {Listeners(matching)} of Gateway {gw.Namespace}/{gw.Name} " +
            $"{(matching.Count == 1 ? "is" : "are")} not programmed ({string.Join(", ", matching.Select(NotProgrammedReason).Distinct())}); see the Gateway's listener status";
        return new ParentResult(p, Conditions.Make(ConditionType.Accepted, true, ConditionReason.Accepted, message, g), matching);
    }

    /// <summary>Whether a parentRef equal to the <paramref name="index"/>-th came earlier (lists are short: no set).</summary>
    private static bool SeenBefore(IReadOnlyList<ParentReference> parentRefs, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (parentRefs[j].Equals(parentRefs[index]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SharesHostname(ListenerState l, IReadOnlyList<string> routeHostnames)
    {
        if (routeHostnames.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < routeHostnames.Count; i++)
        {
            if (Hostnames.Intersect(l.Hostname, routeHostnames[i]) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The listeners the parentRef names that allow the route (for the rejection message only).</summary>
    private static IEnumerable<ListenerState> Allowed(GatewayState gw, ParentReference p, IRouteUnit route) => gw.Listeners.Where(l =>
        (p.SectionName is null || l.Name == p.SectionName) && (p.Port is null || l.Port == p.Port) &&
        l.SupportsKind(route.Kind) && l.AllowsNamespace is { } allows && allows(route.Route.Namespace));

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
