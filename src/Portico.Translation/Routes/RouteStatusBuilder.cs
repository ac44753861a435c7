using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// A route's <c>status.parents</c>: one entry per owned parent with <c>controllerName</c>, the echoed parentRef,
/// and always both <c>Accepted</c> and <c>ResolvedRefs</c> (reference §3.4, §10.7); <c>PartiallyInvalid</c> when
/// rules were dropped from an accepted route.
/// </summary>
internal static class RouteStatusBuilder
{
    public static StatusItem? Build(IRouteUnit route, List<ParentAttacher.ParentResult> parents, string controllerName, RouteConditions shared)
    {
        if (parents.Count == 0)
        {
            return null;
        }

        var g = route.Route.Generation;
        var resolved = route.RefProblems.Count == 0
            ? shared.Resolved(g)
            : Conditions.Make(ConditionType.ResolvedRefs, false, route.RefProblems[0].Reason, string.Join("; ", route.RefProblems.Select(p => p.Message)), g);
        var entries = new List<RouteParentStatus>(parents.Count);
        foreach (var p in parents)
        {
            Condition[] conditions = p.Accepted.Status == ConditionStatus.True && route.DroppedRules.Count > 0
                ? [p.Accepted, resolved, Conditions.Make(ConditionType.PartiallyInvalid, true, ConditionReason.UnsupportedValue, string.Join("; ", route.DroppedRules), g)]
                : [p.Accepted, resolved];

            entries.Add(new RouteParentStatus { ParentRef = p.ParentRef, ControllerName = controllerName, Conditions = conditions });
        }

        return new StatusItem
        {
            ApiVersion = route.Route.ApiVersion,
            Kind = route.Route.Kind,
            Metadata = new StatusItemMetadata { Name = route.Route.Name, Namespace = route.Route.Namespace, Generation = g },
            Status = new RouteStatus { Parents = entries },
        };
    }
}
