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

    private static CompiledGrpcEntry? Match(CompiledTable table, string path)
    {
        var listener = table.Sockets.Values.Single().Listeners.Single();
        var index = 0;
        return listener.HostAt("h", ref index)!.Grpc.Match(path, new HeaderDictionary());
    }

    private static RouteTable Table(params (string Service, string Method, string Backend)[] routes) => new()
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
        Backends = [.. routes.Select(r => r.Backend).Distinct().Select(b => new BackendConfig { Id = $"service/{b}", Endpoints = [new EndpointConfig { Address = "127.0.0.1", Port = 1, Ready = true }] })],
    };
}
