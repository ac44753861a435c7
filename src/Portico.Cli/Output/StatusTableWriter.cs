using Portico.Model.GatewayApi;
using Portico.Model.Status;

namespace Portico.Cli.Output;

/// <summary>
/// The default <c>portico check</c> output: one block per object, headed <c>KIND NAMESPACE/NAME</c>, then its
/// conditions; a Gateway adds its addresses and one sub-block per listener, a route one sub-block per parent.
/// Blocks are separated by a blank line and follow the report's (stable) order.
/// </summary>
internal static class StatusTableWriter
{
    public static void Write(StatusReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        if (report.Items.Count == 0)
        {
            writer.WriteLine("No objects owned by this controller (is there a GatewayClass with its controllerName?).");
            return;
        }

        for (var i = 0; i < report.Items.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteLine();
            }

            WriteItem(report.Items[i], writer);
        }
    }

    private static void WriteItem(StatusItem item, TextWriter writer)
    {
        writer.WriteLine(ObjectName.Of(item));
        switch (item.Status)
        {
            case GatewayClassStatus s:
                ConditionTable.Write(writer, "  ", s.Conditions);
                break;
            case GatewayStatus s:
                WriteGateway(s, writer);
                break;
            case RouteStatus s:
                WriteRoute(s, item.Metadata.Namespace, writer);
                break;
            default:
                writer.WriteLine($"  (status of type {item.Status.GetType().Name} has no table form; use -o yaml)");
                break;
        }
    }

    private static void WriteGateway(GatewayStatus status, TextWriter writer)
    {
        var addresses = status.Addresses.Count == 0 ? "<none>" : string.Join(", ", status.Addresses.Select(static a => a.Value));
        writer.WriteLine($"  addresses: {addresses}");
        ConditionTable.Write(writer, "  ", status.Conditions);
        foreach (var listener in status.Listeners)
        {
            var kinds = listener.SupportedKinds.Count == 0
                ? "<none>"
                : string.Join(", ", listener.SupportedKinds.Select(static k => KindName(k)));
            writer.WriteLine($"  listener {listener.Name}: attachedRoutes {listener.AttachedRoutes}, supportedKinds {kinds}");
            ConditionTable.Write(writer, "    ", listener.Conditions);
        }
    }

    private static void WriteRoute(RouteStatus status, string? routeNamespace, TextWriter writer)
    {
        if (status.Parents.Count == 0)
        {
            writer.WriteLine("  (no parents)");
            return;
        }

        foreach (var parent in status.Parents)
        {
            writer.WriteLine($"  parent {ObjectName.Of(parent.ParentRef, routeNamespace)} (controller {parent.ControllerName})");
            ConditionTable.Write(writer, "    ", parent.Conditions);
        }
    }

    private static string KindName(RouteGroupKind kind) =>
        string.Equals(kind.Group, GatewayApiGroup.Name, StringComparison.Ordinal) ? kind.Kind : $"{kind.Kind}.{kind.Group}";
}
