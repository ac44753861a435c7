using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;

namespace Portico.ControlPlane.Status;

/// <summary>
/// Stamps <c>lastTransitionTime</c>: a condition whose status is unchanged since the previous report keeps its
/// time; a new or flipped one gets <paramref name="now"/>. (The translator has no clock; this is where time enters.)
/// </summary>
internal static class TransitionTimes
{
    public static StatusReport Stamp(StatusReport next, StatusReport previous, DateTimeOffset now)
    {
        var before = new Dictionary<string, Condition>(StringComparer.Ordinal);
        foreach (var item in previous.Items)
        {
            foreach (var (key, c) in Conditions(item))
            {
                before[key] = c;
            }
        }

        var items = new List<StatusItem>(next.Items.Count);
        foreach (var item in next.Items)
        {
            var prefix = $"{item.Kind}/{item.Metadata.Namespace}/{item.Metadata.Name}";
            Condition Fix(string scope, Condition c) =>
                c with
                {
                    LastTransitionTime = before.TryGetValue($"{prefix}/{scope}/{c.Type}", out var old) && old.Status == c.Status
                        ? old.LastTransitionTime
                        : now,
                };

            object status = item.Status switch
            {
                GatewayClassStatus s => new GatewayClassStatus { Conditions = [.. s.Conditions.Select(c => Fix("", c))], SupportedFeatures = s.SupportedFeatures },
                GatewayStatus s => new GatewayStatus
                {
                    Addresses = s.Addresses,
                    Conditions = [.. s.Conditions.Select(c => Fix("", c))],
                    Listeners = [.. s.Listeners.Select(l => new ListenerStatus
                    {
                        Name = l.Name, SupportedKinds = l.SupportedKinds, AttachedRoutes = l.AttachedRoutes,
                        Conditions = [.. l.Conditions.Select(c => Fix("listener/" + l.Name, c))],
                    })],
                },
                RouteStatus s => new RouteStatus
                {
                    Parents = [.. s.Parents.Select(p => new RouteParentStatus
                    {
                        ParentRef = p.ParentRef, ControllerName = p.ControllerName,
                        Conditions = [.. p.Conditions.Select(c => Fix("parent/" + ParentKey(p.ParentRef), c))],
                    })],
                },
                _ => item.Status,
            };
            items.Add(new StatusItem { ApiVersion = item.ApiVersion, Kind = item.Kind, Metadata = item.Metadata, Status = status });
        }

        return new StatusReport { Items = items };
    }

    private static IEnumerable<(string Key, Condition Condition)> Conditions(StatusItem item)
    {
        var prefix = $"{item.Kind}/{item.Metadata.Namespace}/{item.Metadata.Name}";
        switch (item.Status)
        {
            case GatewayClassStatus s:
                foreach (var c in s.Conditions)
                {
                    yield return ($"{prefix}//{c.Type}", c);
                }

                break;
            case GatewayStatus s:
                foreach (var c in s.Conditions)
                {
                    yield return ($"{prefix}//{c.Type}", c);
                }

                foreach (var l in s.Listeners)
                {
                    foreach (var c in l.Conditions)
                    {
                        yield return ($"{prefix}/listener/{l.Name}/{c.Type}", c);
                    }
                }

                break;
            case RouteStatus s:
                foreach (var p in s.Parents)
                {
                    foreach (var c in p.Conditions)
                    {
                        yield return ($"{prefix}/parent/{ParentKey(p.ParentRef)}/{c.Type}", c);
                    }
                }

                break;
        }
    }

    private static string ParentKey(ParentReference p) => $"{p.Group}/{p.Kind}/{p.Namespace}/{p.Name}/{p.SectionName}/{p.Port}";
}
