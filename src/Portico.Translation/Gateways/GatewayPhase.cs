using System.Net;
using Portico.Model.GatewayApi;
using Portico.Routing.Table;
using Portico.Translation.Common;
using Portico.Translation.Context;

namespace Portico.Translation.Gateways;

/// <summary>
/// Phase 2: Gateways of owned classes. For each: (1) class and parameters, (2) addresses, (3) each listener on
/// its own, (4) conflicts between listeners, within the Gateway and across Gateways sharing a socket.
/// </summary>
internal static class GatewayPhase
{
    public static List<GatewayState> Run(TranslationContext context, Dictionary<string, Problem?> ownedClasses, Dictionary<string, CertificateConfig> certificates)
    {
        var states = new List<GatewayState>();
        foreach (var gw in context.Snapshot.Gateways)
        {
            if (!ownedClasses.TryGetValue(gw.Spec.GatewayClassName, out var classProblem))
            {
                continue; // another controller's Gateway (or no such class): not ours to write.
            }

            var state = new GatewayState(gw);

            // :: Step 1 — class and parameters
            if (classProblem is not null)
            {
                state.AcceptProblem = new Problem(ConditionReason.Invalid, $"GatewayClass {gw.Spec.GatewayClassName} is not accepted: {classProblem.Message}");
            }
            else if (gw.Spec.Infrastructure?.ParametersRef is { } p)
            {
                state.AcceptProblem = new Problem(ConditionReason.InvalidParameters,
                    $"spec.infrastructure.parametersRef {Refs.Describe(p.Group, p.Kind)} {p.Name}: Portico takes no Gateway parameters");
            }

            // :: Step 2 — addresses
            ResolveAddresses(context, state);

            // :: Step 3 — listeners one by one. Names key the listener status list, so a repeated name (which the
            // CRD would refuse) makes the whole Gateway invalid; only the first listener of a name is reported.
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < gw.Spec.Listeners.Count; i++)
            {
                var spec = gw.Spec.Listeners[i];
                if (!names.Add(spec.Name))
                {
                    state.AcceptProblem ??= new Problem(ConditionReason.Invalid,
                        $"spec.listeners[{i}].name \"{spec.Name}\" is used by an earlier listener; listener names must be unique");
                    continue;
                }

                state.Listeners.Add(ListenerValidator.Validate(context, state, spec, i, certificates));
            }

            states.Add(state);
        }

        // :: Step 4 — conflicts (older Gateways first, so they keep contested ports)
        ListenerConflicts.Detect(states);
        return states;
    }

    private static void ResolveAddresses(TranslationContext context, GatewayState state)
    {
        var addresses = state.Gateway.Spec.Addresses;
        var autoAssign = addresses.Count == 0;
        for (var i = 0; i < addresses.Count; i++)
        {
            var a = addresses[i];
            if (a.Type != AddressType.IPAddress)
            {
                state.AcceptProblem ??= new Problem(ConditionReason.UnsupportedAddress,
                    $"spec.addresses[{i}]: address type \"{a.Type}\" is not supported; use IPAddress");
                continue;
            }

            if (string.IsNullOrEmpty(a.Value))
            {
                autoAssign = true; // an empty value asks the implementation to assign one.
                continue;
            }

            if (!IPAddress.TryParse(a.Value, out var ip) || ip.ToString() != a.Value.Trim('[', ']'))
            {
                // A supported type with a value that cannot be used: Accepted stays True, Programmed says why (§3.2).
                state.ProgramProblem ??= new Problem(ConditionReason.AddressNotUsable,
                    $"spec.addresses[{i}].value \"{a.Value}\" is not a valid IP address");
                continue;
            }

            if (!state.Addresses.Contains(ip.ToString()))
            {
                state.Addresses.Add(ip.ToString());
            }
        }

        if (autoAssign)
        {
            foreach (var d in context.Options.DefaultAddresses)
            {
                if (!state.Addresses.Contains(d))
                {
                    state.Addresses.Add(d);
                }
            }
        }
    }
}
