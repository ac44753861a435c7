using Microsoft.AspNetCore.Http;
using Portico.Proxy.Backends;
using Portico.Proxy.Compilation;
using Portico.Routing.Actions;
using Portico.Routing.Backends;
using Portico.Routing.Matching;
using Portico.Routing.Table;

namespace Portico.Proxy.Tests.Compilation;

public sealed class TableCompilerTests
{
    [Fact]
    public void ANewTableReusesEqualMethodMatchersAndServesOnlyItsOwnRoutes()
    {
        var compiler = new TableCompiler(new EndpointRegistry(), new CertificateCache(), LoadBalancingPolicy.RoundRobin);
        var first = compiler.Compile(Table(("a.S", "M", "one"), ("b.S", "M", "one")), 1);

        // The next table: a.S/M unchanged in value (new IR objects, another backend), b.S/M edited to c.S/M.
        var second = compiler.Compile(Table(("a.S", "M", "two"), ("c.S", "M", "two")), 2);

        var a1 = Match(first, "/a.S/M")!;
        var a2 = Match(second, "/a.S/M")!;
        Assert.Same(a1.Method, a2.Method);
        Assert.Equal("service/two", a2.Action.PickDestination().Backend!.Id);
        Assert.Equal("service/one", a1.Action.PickDestination().Backend!.Id);

        Assert.Null(Match(second, "/b.S/M"));
        Assert.Equal("c", Match(second, "/c.S/M")!.Source.Id[..1]);
        Assert.Equal("b", Match(first, "/b.S/M")!.Source.Id[..1]); // the old table, still draining, is unchanged.
        Assert.Null(Match(first, "/c.S/M"));
    }

    [Fact]
    public void EndpointsTheNewTableNoLongerNamesAreForgottenAndKeptOnesKeepTheirState()
    {
        var registry = new EndpointRegistry();
        var compiler = new TableCompiler(registry, new CertificateCache(), LoadBalancingPolicy.RoundRobin);
        var first = compiler.Compile(Table([("a.S", "M", "one")], ports: [1, 2]), 1);
        var kept = first.Backends["service/one"].Pick()!; // port 1 or 2
        kept.Begin(); // a call in flight on the old table

        // Pods churn: the next table has the kept endpoint and a new one; the other one is gone.
        var keptPort = kept.Port;
        var second = compiler.Compile(Table([("a.S", "M", "one")], ports: [keptPort, 3]), 2);

        Assert.Equal(2, registry.Count);
        var now = new[] { second.Backends["service/one"].Pick()!, second.Backends["service/one"].Pick()! };
        Assert.Equal([keptPort, 3], now.Select(e => e.Port).Order());
        Assert.Same(kept, now.Single(e => e.Port == keptPort)); // same state: its in-flight count carries over
        Assert.Equal(1, kept.Outstanding);

        // The old table, still draining, serves from its own states.
        Assert.All(Enumerable.Range(0, 4), _ => Assert.Contains(first.Backends["service/one"].Pick()!.Port, new[] { 1, 2 }));

        compiler.Compile(Table([("a.S", "M", "one")], ports: []), 3);
        Assert.Equal(0, registry.Count);
    }

    private static CompiledGrpcEntry? Match(CompiledTable table, string path)
    {
        var listener = table.Sockets.Values.Single().Listeners.Single();
        var index = 0;
        return listener.HostAt("h", ref index)!.Grpc.Match(path, new HeaderDictionary());
    }

    private static RouteTable Table(params (string Service, string Method, string Backend)[] routes) => Table(routes, ports: [1]);

    private static RouteTable Table((string Service, string Method, string Backend)[] routes, int[] ports) => new()
    {
        Listeners =
        [
            new ListenerConfig
            {
                Id = "gateway/ns/gw/listener/l",
                Addresses = ["127.0.0.1"],
                Port = 18000,
                VirtualHosts =
                [
                    new VirtualHostConfig
                    {
                        Hostname = "*",
                        GrpcRoutes = [.. routes.Select(r => new GrpcRouteEntry
                        {
                            Id = $"{r.Service[0]}-{r.Backend}",
                            Method = new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Exact, Service = r.Service, Method = r.Method },
                            Action = new RouteAction { Destinations = [new Destination { Weight = 1, BackendId = $"service/{r.Backend}" }] },
                        })],
                    },
                ],
            },
        ],
        Backends = [.. routes.Select(r => r.Backend).Distinct().Select(b => new BackendConfig { Id = $"service/{b}", Endpoints = [.. ports.Select(p => new EndpointConfig { Address = "127.0.0.1", Port = p, Ready = true })] })],
    };
}
