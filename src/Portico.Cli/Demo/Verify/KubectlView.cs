using Portico.Cli.Output;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;

namespace Portico.Cli.Demo.Verify;

/// <summary>
/// Prints what the guide's monitoring steps would show (<c>kubectl get gateway -A</c>, <c>kubectl describe gateway
/// grpc-gateway -n infra</c>, <c>kubectl get grpcroute -A</c>, <c>kubectl describe grpcroute user-grpc-route -n app</c>),
/// from the gateway's published status and the manifests' specs.
/// </summary>
internal static class KubectlView
{
    public static void Write(StatusReport status, IReadOnlyList<KubeObject> manifests, TextWriter output)
    {
        var view = new StatusView(status);
        output.WriteLine("$ kubectl get gateway -A");
        var gateways = new List<string[]> { new[] { "NAMESPACE", "NAME", "CLASS", "ADDRESS", "PROGRAMMED" } };
        foreach (var gateway in manifests.OfType<Gateway>().OrderBy(g => g.FullName, StringComparer.Ordinal))
        {
            var s = view.Gateway(gateway.FullName);
            var address = s?.Addresses.FirstOrDefault()?.Value ?? string.Empty;
            var programmed = s?.Conditions.FirstOrDefault(c => c.Type == "Programmed")?.Status ?? "Unknown";
            gateways.Add([gateway.Namespace, gateway.Name, gateway.Spec.GatewayClassName, address, programmed]);
        }

        TextColumns.Write(output, gateways);
        Describe(status, GatewayApiGroup.GatewayKind, Walkthrough.GrpcGateway, "gateway", output);

        output.WriteLine();
        output.WriteLine("$ kubectl get grpcroute -A");
        var routes = new List<string[]> { new[] { "NAMESPACE", "NAME", "HOSTNAMES", "ACCEPTED", "RESOLVEDREFS" } };
        foreach (var route in manifests.OfType<GrpcRoute>().OrderBy(r => r.FullName, StringComparer.Ordinal))
        {
            var conditions = view.RouteConditions(route.FullName);
            var hostnames = route.Spec.Hostnames.Count == 0 ? "*" : string.Join(",", route.Spec.Hostnames);
            routes.Add([route.Namespace, route.Name, hostnames,
                conditions?.FirstOrDefault(c => c.Type == "Accepted")?.Status ?? "Unknown",
                conditions?.FirstOrDefault(c => c.Type == "ResolvedRefs")?.Status ?? "Unknown"]);
        }

        TextColumns.Write(output, routes);
        Describe(status, GatewayApiGroup.GrpcRouteKind, "app/user-grpc-route", "grpcroute", output);
        output.WriteLine();
    }

    private static void Describe(StatusReport status, string kind, string fullName, string resource, TextWriter output)
    {
        var parts = fullName.Split('/');
        output.WriteLine();
        output.WriteLine($"$ kubectl describe {resource} {parts[1]} -n {parts[0]}   (status)");
        var item = new StatusView(status).Item(kind, fullName);
        if (item is null)
        {
            output.WriteLine($"  {kind} {fullName}: {StatusView.Missing}");
            return;
        }

        StatusTableWriter.Write(new StatusReport { Items = [item] }, output);
    }
}
