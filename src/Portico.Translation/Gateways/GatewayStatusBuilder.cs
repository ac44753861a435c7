using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;
using Portico.Translation.Common;

namespace Portico.Translation.Gateways;

/// <summary>Gateway and listener conditions (reference §3.2, §3.3), written after routes have attached.</summary>
internal static class GatewayStatusBuilder
{
    public static StatusItem Build(GatewayState gw)
    {
        var g = gw.Generation;
        var listeners = new List<ListenerStatus>();
        foreach (var l in gw.Listeners)
        {
            var conditions = new List<Condition>();
            var accepted = l.AcceptProblem ?? l.Conflict;
            conditions.Add(accepted is null
                ? Conditions.Make(ConditionType.Accepted, true, ConditionReason.Accepted, "Listener is valid", g)
                : Conditions.Make(ConditionType.Accepted, false, accepted.Reason, accepted.Message, g));
            conditions.Add(ProgrammedCondition(gw, l, g));
            conditions.Add(l.RefProblems.Count == 0
                ? Conditions.Make(ConditionType.ResolvedRefs, true, ConditionReason.ResolvedRefs, "All references resolved", g)
                : Conditions.Make(ConditionType.ResolvedRefs, false, l.RefProblems[0].Reason, string.Join("; ", l.RefProblems.Select(p => p.Message)), g));
            conditions.Add(l.Conflict is null
                ? Conditions.Make(ConditionType.Conflicted, false, ConditionReason.NoConflicts, "No conflicts", g)
                : Conditions.Make(ConditionType.Conflicted, true, l.Conflict.Reason, l.Conflict.Message, g));
            if (l.OverlappingTls is { } overlap)
            {
                conditions.Add(Conditions.Make(ConditionType.OverlappingTlsConfig, true, ConditionReason.OverlappingHostnames, overlap, g));
            }

            listeners.Add(new ListenerStatus
            {
                Name = l.Name,
                SupportedKinds = l.AcceptProblem?.Reason == ConditionReason.UnsupportedProtocol ? [] : [.. l.SupportedKinds],
                AttachedRoutes = l.AttachedRoutes,
                Conditions = conditions,
            });
        }

        // A listener counts as valid when only the Gateway's address keeps it from being programmed.
        bool Valid(ListenerState l) => gw.ProgramProblem is null ? l.Programmable : WouldBeProgrammable(l);
        var invalid = gw.Listeners.Count(l => !Valid(l) || l.RefProblems.Count > 0);
        var valid = gw.Listeners.Count(Valid);
        Condition acceptedCondition;
        if (gw.AcceptProblem is { } p)
        {
            acceptedCondition = Conditions.Make(ConditionType.Accepted, false, p.Reason, p.Message, g);
        }
        else if (invalid == 0)
        {
            acceptedCondition = Conditions.Make(ConditionType.Accepted, true, ConditionReason.Accepted, "Gateway is valid", g);
        }
        else
        {
            var names = string.Join(", ", gw.Listeners.Where(l => !Valid(l) || l.RefProblems.Count > 0).Select(l => l.Name));
            acceptedCondition = Conditions.Make(ConditionType.Accepted, valid > 0, ConditionReason.ListenersNotValid,
                valid > 0 ? $"Some listeners are not valid: {names}" : $"No listener is valid: {names}", g);
        }

        Condition programmed;
        if (gw.ProgramProblem is { } pp && gw.AcceptProblem is null)
        {
            programmed = Conditions.Make(ConditionType.Programmed, false, pp.Reason, pp.Message, g);
        }
        else if (gw.AcceptProblem is null && valid > 0)
        {
            programmed = Conditions.Make(ConditionType.Programmed, true, ConditionReason.Programmed, $"Serving {valid} listener(s) on {string.Join(", ", gw.Addresses)}", g);
        }
        else
        {
            programmed = Conditions.Make(ConditionType.Programmed, false, ConditionReason.Invalid,
                gw.AcceptProblem is not null ? "Gateway is not accepted" : "No listener can be programmed", g);
        }

        return new StatusItem
        {
            ApiVersion = gw.Gateway.ApiVersion,
            Kind = gw.Gateway.Kind,
            Metadata = new StatusItemMetadata { Name = gw.Name, Namespace = gw.Namespace, Generation = g },
            Status = new GatewayStatus
            {
                Addresses = gw.AcceptProblem?.Reason == ConditionReason.UnsupportedAddress
                    ? []
                    : [.. gw.Addresses.Select(a => new GatewayStatusAddress { Type = AddressType.IPAddress, Value = a })],
                Conditions = [acceptedCondition, programmed],
                Listeners = listeners,
            },
        };
    }

    private static bool WouldBeProgrammable(ListenerState l) =>
        l.AcceptProblem is null && l.Conflict is null && l.SupportedKinds.Count > 0 && (!l.IsHttps || l.CertificateIds.Count > 0);

    /// <summary>A listener's <c>Programmed</c> condition (routes attached only to unprogrammed listeners quote its reason).</summary>
    internal static Condition ProgrammedCondition(GatewayState gw, ListenerState l, long g)
    {
        if (l.Programmable)
        {
            return Conditions.Make(ConditionType.Programmed, true, ConditionReason.Programmed, "Listener is ready to serve", g);
        }

        if (gw.AcceptProblem is not null)
        {
            return Conditions.Make(ConditionType.Programmed, false, ConditionReason.Invalid, "Gateway is not accepted", g);
        }

        if (gw.ProgramProblem is { } pp)
        {
            return Conditions.Make(ConditionType.Programmed, false, ConditionReason.Invalid, pp.Message, g);
        }

        var why = l.AcceptProblem ?? l.Conflict;
        if (why is not null)
        {
            return Conditions.Make(ConditionType.Programmed, false, l.Conflict is not null ? l.Conflict.Reason : ConditionReason.Invalid, why.Message, g);
        }

        return Conditions.Make(ConditionType.Programmed, false, ConditionReason.Invalid,
            l.SupportedKinds.Count == 0 ? "No supported route kind is allowed" : "No valid certificate to serve", g);
    }
}
