using Portico.Model.GatewayApi;
using Portico.Model.Status;
using Portico.Translation.Common;
using Portico.Translation.Context;

namespace Portico.Translation.GatewayClasses;

/// <summary>
/// Phase 1: every GatewayClass with Portico's controller name gets <c>Accepted</c> and the supported features;
/// classes of other controllers are left alone (no status item).
/// </summary>
internal static class GatewayClassPhase
{
    /// <returns>Our classes by name, each with whether it is accepted and, if not, why.</returns>
    public static Dictionary<string, Problem?> Run(TranslationContext context, List<StatusItem> status)
    {
        var ours = new Dictionary<string, Problem?>(StringComparer.Ordinal);
        foreach (var gc in context.Snapshot.GatewayClasses)
        {
            if (!string.Equals(gc.Spec.ControllerName, context.Options.ControllerName, StringComparison.Ordinal))
            {
                continue;
            }

            Problem? problem = gc.Spec.ParametersRef is { } p
                ? new Problem(ConditionReason.InvalidParameters,
                    $"spec.parametersRef {Refs.Describe(p.Group, p.Kind)} {p.Name}: Portico takes no GatewayClass parameters; remove parametersRef")
                : null;
            ours[gc.Name] = problem;

            var accepted = problem is null
                ? Conditions.Make(ConditionType.Accepted, true, ConditionReason.Accepted, $"Accepted by {context.Options.ControllerName}", gc.Generation)
                : Conditions.Make(ConditionType.Accepted, false, problem.Reason, problem.Message, gc.Generation);
            status.Add(new StatusItem
            {
                ApiVersion = gc.ApiVersion,
                Kind = gc.Kind,
                Metadata = new StatusItemMetadata { Name = gc.Name, Generation = gc.Generation },
                Status = new GatewayClassStatus
                {
                    Conditions = [accepted],
                    SupportedFeatures = problem is null ? [.. SupportedFeatures.Names.Select(n => new SupportedFeature { Name = n })] : [],
                },
            });
        }

        return ours;
    }
}
