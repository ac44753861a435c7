using Portico.Cli.Output;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;

namespace Portico.Cli.Pipeline;

/// <summary>
/// What <c>--strict</c> looks for: an <c>Accepted</c>, <c>ResolvedRefs</c> or <c>Programmed</c> condition that is
/// not <c>True</c>, anywhere (GatewayClass, Gateway, listener, route parent). Other condition types are
/// informational (<c>Conflicted=False</c> is the good state) and never fail a strict check.
/// </summary>
internal static class StrictConditionAudit
{
    private static readonly string[] MustBeTrue = [ConditionType.Accepted, ConditionType.ResolvedRefs, ConditionType.Programmed];

    /// <summary>One line per failing condition, e.g. <c>Gateway infra/gw listener http: Programmed=False (Invalid): ...</c>.</summary>
    public static IReadOnlyList<string> FindFailures(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = new List<string>();
        foreach (var item in report.Items)
        {
            var name = ObjectName.Of(item);
            switch (item.Status)
            {
                case GatewayClassStatus s:
                    Collect(failures, name, s.Conditions);
                    break;
                case GatewayStatus s:
                    Collect(failures, name, s.Conditions);
                    foreach (var listener in s.Listeners)
                    {
                        Collect(failures, $"{name} listener {listener.Name}", listener.Conditions);
                    }

                    break;
                case RouteStatus s:
                    foreach (var parent in s.Parents)
                    {
                        Collect(failures, $"{name} parent {ObjectName.Of(parent.ParentRef, item.Metadata.Namespace)}", parent.Conditions);
                    }

                    break;
            }
        }

        return failures;
    }

    private static void Collect(List<string> failures, string where, IReadOnlyList<Condition> conditions)
    {
        foreach (var condition in conditions)
        {
            if (MustBeTrue.Contains(condition.Type, StringComparer.Ordinal) &&
                !string.Equals(condition.Status, ConditionStatus.True, StringComparison.Ordinal))
            {
                failures.Add($"{where}: {condition.Type}={condition.Status} ({condition.Reason}): {condition.Message}");
            }
        }
    }
}
