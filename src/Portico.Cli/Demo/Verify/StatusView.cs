using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;

namespace Portico.Cli.Demo.Verify;

/// <summary>Reads a published status report the way <c>kubectl get/describe</c> shows it: conditions as <c>Type=Status/Reason</c>.</summary>
internal sealed class StatusView(StatusReport report)
{
    public const string Missing = "<missing>";

    public StatusItem? Item(string kind, string fullName) =>
        report.Items.FirstOrDefault(i => i.Kind == kind && $"{i.Metadata.Namespace}/{i.Metadata.Name}" == fullName);

    public GatewayStatus? Gateway(string fullName) => Item(GatewayApiGroup.GatewayKind, fullName)?.Status as GatewayStatus;

    public ListenerStatus? Listener(string gateway, string listener) => Gateway(gateway)?.Listeners.FirstOrDefault(l => l.Name == listener);

    /// <summary>The conditions of the route's first parent (every walkthrough route has one).</summary>
    public IReadOnlyList<Condition>? RouteConditions(string fullName) =>
        (Item(GatewayApiGroup.GrpcRouteKind, fullName)?.Status as RouteStatus)?.Parents.FirstOrDefault()?.Conditions;

    /// <summary><c>Type=Status</c>, or <c>Type=Status/Reason</c> with <paramref name="withReason"/>; <see cref="Missing"/> when absent.</summary>
    public static string Show(IReadOnlyList<Condition>? conditions, string type, bool withReason = false)
    {
        var condition = conditions?.FirstOrDefault(c => c.Type == type);
        if (condition is null)
        {
            return $"{type}={Missing}";
        }

        return withReason ? $"{type}={condition.Status}/{condition.Reason}" : $"{type}={condition.Status}";
    }
}
