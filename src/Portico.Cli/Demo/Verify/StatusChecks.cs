using System.Globalization;

namespace Portico.Cli.Demo.Verify;

/// <summary>
/// What the guide's <c>kubectl get gateway -A</c>, <c>kubectl describe gateway grpc-gateway</c>, <c>kubectl get
/// grpcroute -A</c> and <c>kubectl describe grpcroute user-grpc-route</c> would show, checked against the walkthrough.
/// </summary>
internal static class StatusChecks
{
    public static void Run(StatusView status, VerifyReport report)
    {
        foreach (var gateway in new[] { Walkthrough.ProductionGateway, Walkthrough.GrpcGateway })
        {
            report.Expect($"Gateway {gateway}", "Programmed=True", StatusView.Show(status.Gateway(gateway)?.Conditions, "Programmed"));
        }

        foreach (var (gateway, name, attached) in Walkthrough.Listeners)
        {
            var listener = status.Listener(gateway, name);
            var actual = listener is null
                ? StatusView.Missing
                : string.Create(CultureInfo.InvariantCulture, $"{StatusView.Show(listener.Conditions, "Programmed")}, attachedRoutes={listener.AttachedRoutes}");
            report.Expect($"listener {gateway}/{name}", string.Create(CultureInfo.InvariantCulture, $"Programmed=True, attachedRoutes={attached}"), actual);
        }

        foreach (var route in Walkthrough.GatewayRoutes)
        {
            var conditions = status.RouteConditions(route);
            report.Expect($"GRPCRoute {route}", "Accepted=True, ResolvedRefs=True",
                $"{StatusView.Show(conditions, "Accepted")}, {StatusView.Show(conditions, "ResolvedRefs")}");
        }

        // GAMMA (a Service as parent) is not implemented: the route says so truthfully; shown, not judged.
        report.Info($"GRPCRoute {Walkthrough.PaymentMeshRoute} (GAMMA)", "Accepted=False/UnsupportedValue",
            StatusView.Show(status.RouteConditions(Walkthrough.PaymentMeshRoute), "Accepted", withReason: true));
    }
}
