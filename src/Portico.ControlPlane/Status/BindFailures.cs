using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;

namespace Portico.ControlPlane.Status;

/// <summary>
/// Folds the data plane's bind failures into the translated status: a listener whose socket could not be bound is
/// <c>Accepted=False/PortUnavailable</c> and <c>Programmed=False</c>, and its Gateway reports <c>ListenersNotValid</c>
/// (and <c>Programmed=False</c> when no listener serves). <c>Programmed=True</c> therefore means really serving.
/// </summary>
internal static class BindFailures
{
    public static StatusReport Apply(StatusReport report, IReadOnlyDictionary<string, string> failedListeners)
    {
        if (failedListeners.Count == 0)
        {
            return report;
        }

        var items = new List<StatusItem>(report.Items.Count);
        foreach (var item in report.Items)
        {
            if (item.Status is not GatewayStatus gw)
            {
                items.Add(item);
                continue;
            }

            var prefix = $"gateway/{item.Metadata.Namespace}/{item.Metadata.Name}/listener/";
            var listeners = new List<ListenerStatus>();
            var changed = false;
            foreach (var l in gw.Listeners)
            {
                if (!failedListeners.TryGetValue(prefix + l.Name, out var error))
                {
                    listeners.Add(l);
                    continue;
                }

                changed = true;
                listeners.Add(new ListenerStatus
                {
                    Name = l.Name,
                    SupportedKinds = l.SupportedKinds,
                    AttachedRoutes = l.AttachedRoutes,
                    Conditions = [.. l.Conditions.Select(c => c.Type switch
                    {
                        ConditionType.Accepted => c with { Status = ConditionStatus.False, Reason = ConditionReason.PortUnavailable, Message = $"Cannot bind: {error}" },
                        ConditionType.Programmed => c with { Status = ConditionStatus.False, Reason = ConditionReason.Invalid, Message = $"Not serving: {error}" },
                        _ => c,
                    })],
                });
            }

            if (!changed)
            {
                items.Add(item);
                continue;
            }

            var serving = listeners.Count(l => l.Conditions.Any(c => c.Type == ConditionType.Programmed && c.Status == ConditionStatus.True));
            var failedNames = string.Join(", ", listeners.Where(l => l.Conditions.Any(c => c.Type == ConditionType.Programmed && c.Status != ConditionStatus.True)).Select(l => l.Name));
            var conditions = gw.Conditions.Select(c => c.Type switch
            {
                ConditionType.Accepted when c.Status == ConditionStatus.True =>
                    c with { Reason = ConditionReason.ListenersNotValid, Message = $"Some listeners are not serving: {failedNames}" },
                ConditionType.Programmed when serving == 0 =>
                    c with { Status = ConditionStatus.False, Reason = ConditionReason.Invalid, Message = "No listener could be bound" },
                _ => c,
            }).ToList();
            items.Add(new StatusItem
            {
                ApiVersion = item.ApiVersion,
                Kind = item.Kind,
                Metadata = item.Metadata,
                Status = new GatewayStatus { Addresses = gw.Addresses, Conditions = conditions, Listeners = listeners },
            });
        }

        return new StatusReport { Items = items };
    }
}
