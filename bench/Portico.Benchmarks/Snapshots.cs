using System.Globalization;
using Portico.Model.Meta;
using Portico.Model.Snapshot;

namespace Portico.Benchmarks;

/// <summary>Generated snapshots: large, valid (every route should attach and resolve), deterministic.</summary>
internal static class Snapshots
{
    private const string Ns = "bench";
    private const string ClassName = "portico";

    /// <summary>
    /// One Gateway (one HTTP listener) with <paramref name="routes"/> GRPCRoutes, each matching its own
    /// <c>bench.v1.Service{i / 10}/Method{i % 10}</c>, spread over 4 hostnames; every 5 routes share a Service
    /// (with 3 endpoints), so the backends number routes / 5.
    /// </summary>
    public static ResourceSnapshot ManyRoutesOneGateway(int routes)
    {
        string[] hostnames = ["users.example.com", "orders.example.com", "*.catalog.example.com", "payments.example.com"];
        var objects = new List<KubeObject>
        {
            Objects.Namespace(Ns),
            Objects.GatewayClass(ClassName),
            Objects.Gateway(Ns, "gw", ClassName, 8080),
        };
        var services = (routes + 4) / 5;
        for (var s = 0; s < services; s++)
        {
            var name = Name("svc", s);
            objects.Add(Objects.Service(Ns, name, 20000 + s));
            objects.Add(Objects.EndpointSlice(Ns, name, 20000 + s, endpoints: 3));
        }

        for (var r = 0; r < routes; r++)
        {
            objects.Add(Objects.GrpcRoute(Ns, Name("route", r), "gw", hostnames[r % hostnames.Length],
                Name("bench.v1.Service", r / 10), Name("Method", r % 10), Name("svc", r / 5)));
        }

        return new ResourceSnapshot(objects);
    }

    /// <summary>
    /// <paramref name="gateways"/> Gateways, each with one HTTP listener on its own port (10000 + i) so none
    /// conflict, and <paramref name="routesPerGateway"/> GRPCRoutes each; one Service (2 endpoints) per Gateway.
    /// </summary>
    public static ResourceSnapshot ManyGateways(int gateways, int routesPerGateway)
    {
        var objects = new List<KubeObject> { Objects.Namespace(Ns), Objects.GatewayClass(ClassName) };
        for (var g = 0; g < gateways; g++)
        {
            var gateway = Name("gw", g);
            var service = Name("svc", g);
            objects.Add(Objects.Gateway(Ns, gateway, ClassName, 10000 + g));
            objects.Add(Objects.Service(Ns, service, 30000 + g));
            objects.Add(Objects.EndpointSlice(Ns, service, 30000 + g, endpoints: 2));
            for (var r = 0; r < routesPerGateway; r++)
            {
                objects.Add(Objects.GrpcRoute(Ns, $"{gateway}-route-{r}", gateway, hostname: null,
                    Name("bench.v1.Service", g), Name("Method", r), service));
            }
        }

        return new ResourceSnapshot(objects);
    }

    /// <summary>
    /// <paramref name="snapshot"/> (from <see cref="ManyRoutesOneGateway"/>) with GRPCRoute <paramref name="index"/>
    /// replaced by a new object matching another method; every other object is the same instance, as a provider keeps them.
    /// </summary>
    public static ResourceSnapshot WithRouteReplaced(ResourceSnapshot snapshot, int index)
    {
        var old = snapshot.GrpcRoutes[index];
        var edited = Objects.GrpcRoute(Ns, old.Name, "gw", old.Spec.Hostnames.Count == 0 ? null : old.Spec.Hostnames[0],
            "bench.v1.Edited", "Method", old.Spec.Rules[0].BackendRefs[0].Name);
        return new ResourceSnapshot(snapshot.All.Select(o => ReferenceEquals(o, old) ? edited : o));
    }

    private static string Name(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture);
}
