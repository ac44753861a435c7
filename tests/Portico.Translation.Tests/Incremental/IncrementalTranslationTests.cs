using System.Globalization;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Snapshot;
using Portico.Translation.Output;

namespace Portico.Translation.Tests.Incremental;

/// <summary>
/// <see cref="Translator.TranslateIncrementally"/> must give exactly what <see cref="Translator.Translate"/> gives:
/// seeded runs of random edits (routes replaced, added, removed; Services, EndpointSlices and ReferenceGrants changed;
/// snapshots rebuilt from the same objects), each translated both ways and compared as the document
/// <c>portico translate</c> prints (status + IR).
/// </summary>
public sealed class IncrementalTranslationTests
{
    private static readonly TranslatorOptions Options = new();
    private static readonly string[] HostnameChoices = ["a.example.com", "*.example.com", "b.example.org", "x.a.example.com"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomEditsTranslateAsAFullTranslationDoes(int seed)
    {
        var random = new Random(seed);
        var objects = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
        foreach (var o in Fixed())
        {
            objects[Key(o)] = o;
        }

        for (var i = 0; i < 6; i++)
        {
            objects[$"svc/{Ns(i)}/svc{i}"] = Service(Ns(i), $"svc{i}", random);
            objects[$"eps/{Ns(i)}/svc{i}"] = Slice(Ns(i), $"svc{i}", random);
        }

        for (var i = 0; i < 30; i++)
        {
            var route = Route(i, random);
            objects[Key(route)] = route;
        }

        TranslationMemo? memo = null;
        var reused = 0;
        for (var step = 0; step < 60; step++)
        {
            Edit(objects, random);
            var snapshot = new ResourceSnapshot(objects.Values);
            var incremental = Translator.TranslateIncrementally(snapshot, Options, memo);
            var full = Translator.Translate(snapshot, Options);

            Assert.Equal(Document(full), Document(incremental));
            memo = incremental.Memo;
            reused += memo!.Reused;
        }

        // The comparison above is only worth something if routes were in fact reused, and some edits forced a rebuild.
        Assert.True(reused > 30 * 20, $"only {reused} route translations were reused over 60 steps");
    }

    [Fact]
    public void AChangedServiceRetranslatesEveryRouteAndAnUnchangedSnapshotNone()
    {
        var random = new Random(7);
        List<KubeObject> objects = [.. Fixed(), Service("a", "svc0", random), Slice("a", "svc0", random), .. Enumerable.Range(0, 10).Select(i => Route(i, random))];
        var first = Translator.TranslateIncrementally(new ResourceSnapshot(objects), Options, null);

        var same = Translator.TranslateIncrementally(new ResourceSnapshot(objects), Options, first.Memo);
        Assert.Equal(10, same.Memo!.Reused);

        objects[Fixed().Count] = Service("a", "svc0", random);
        var changed = Translator.TranslateIncrementally(new ResourceSnapshot(objects), Options, same.Memo);
        Assert.Equal(0, changed.Memo!.Reused);
        Assert.Equal(Document(Translator.Translate(new ResourceSnapshot(objects), Options)), Document(changed));
    }

    private static void Edit(Dictionary<string, KubeObject> objects, Random random)
    {
        switch (random.Next(10))
        {
            case < 5: // replace one route with a new object (new generation, possibly different rules)
                var route = Route(random.Next(34), random);
                objects[Key(route)] = route;
                break;
            case 5: // remove a route
                var routes = objects.Keys.Where(k => k.StartsWith("GRPCRoute/", StringComparison.Ordinal) || k.StartsWith("HTTPRoute/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
                objects.Remove(routes[random.Next(routes.Count)]);
                break;
            case 6: // a Service changes
                var s = random.Next(6);
                objects[$"svc/{Ns(s)}/svc{s}"] = Service(Ns(s), $"svc{s}", random);
                break;
            case 7: // endpoints change
                var e = random.Next(6);
                objects[$"eps/{Ns(e)}/svc{e}"] = Slice(Ns(e), $"svc{e}", random);
                break;
            case 8: // the cross-namespace grant comes or goes
                if (!objects.Remove("grant/b/allow"))
                {
                    objects["grant/b/allow"] = Grant();
                }

                break;
            default: // nothing changes: the same objects in a new snapshot
                break;
        }
    }

    private static string Document(TranslationResult result) => TranslationDocument.ToJson(result).ToJsonString();

    private static string Ns(int i) => i % 2 == 0 ? "a" : "b";

    private static string Key(KubeObject o) => o switch
    {
        Service s => $"svc/{s.Namespace}/{s.Name}",
        EndpointSlice e => $"eps/{e.Namespace}/{e.Metadata.Labels[EndpointSlice.ServiceNameLabel]}",
        ReferenceGrant g => $"grant/{g.Namespace}/{g.Name}",
        _ => $"{o.Kind}/{o.Namespace}/{o.Name}",
    };

    private static List<KubeObject> Fixed() =>
    [
        new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = "a" } },
        new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = "b" } },
        new GatewayClass
        {
            ApiVersion = GatewayApiGroup.V1, Kind = GatewayApiGroup.GatewayClassKind, Metadata = Meta("portico", null, 1),
            Spec = new GatewayClassSpec { ControllerName = new TranslatorOptions().ControllerName },
        },
        new Gateway
        {
            ApiVersion = GatewayApiGroup.V1, Kind = GatewayApiGroup.GatewayKind, Metadata = Meta("gw", "a", 1),
            Spec = new GatewaySpec
            {
                GatewayClassName = "portico",
                Listeners =
                [
                    new Listener { Name = "any", Port = 8080, Protocol = ListenerProtocol.Http, AllowedRoutes = new AllowedRoutes { Namespaces = new RouteNamespaces { From = "All" } } },
                    new Listener { Name = "wild", Port = 8081, Protocol = ListenerProtocol.Http, Hostname = "*.example.com", AllowedRoutes = new AllowedRoutes { Namespaces = new RouteNamespaces { From = "All" } } },
                    new Listener { Name = "same", Port = 8082, Protocol = ListenerProtocol.Http },
                ],
            },
        },
        Grant(),
    ];

    private static ReferenceGrant Grant() => new()
    {
        ApiVersion = "gateway.networking.k8s.io/v1beta1", Kind = "ReferenceGrant", Metadata = Meta("allow", "b", 1),
        Spec = new ReferenceGrantSpec
        {
            From =
            [
                new ReferenceGrantFrom { Group = GatewayApiGroup.Name, Kind = GatewayApiGroup.GrpcRouteKind, Namespace = "a" },
                new ReferenceGrantFrom { Group = GatewayApiGroup.Name, Kind = GatewayApiGroup.HttpRouteKind, Namespace = "a" },
            ],
            To = [new ReferenceGrantTo { Group = string.Empty, Kind = "Service" }],
        },
    };

    private static Service Service(string ns, string name, Random random) => new()
    {
        ApiVersion = "v1", Kind = "Service", Metadata = Meta(name, ns, 1),
        Spec = new ServiceSpec
        {
            Ports =
            [
                new ServicePort
                {
                    Name = "grpc", Port = random.Next(3) == 0 ? 50052 : 50051,
                    AppProtocol = random.Next(4) switch { 0 => "http", 1 => null, _ => "kubernetes.io/h2c" },
                },
            ],
        },
    };

    private static EndpointSlice Slice(string ns, string service, Random random) => new()
    {
        ApiVersion = "discovery.k8s.io/v1", Kind = "EndpointSlice",
        Metadata = new ObjectMeta { Name = service + "-1", Namespace = ns, Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = service } },
        Ports = [new EndpointPort { Name = "grpc", Port = 9000 + random.Next(3) }],
        Endpoints = [.. Enumerable.Range(0, random.Next(4)).Select(i => new Endpoint
        {
            Addresses = [$"10.0.0.{random.Next(5)}"],
            Conditions = new EndpointConditions { Ready = random.Next(3) != 0 },
        })],
    };

    /// <summary>Route <paramref name="i"/>: a GRPCRoute when even, an HTTPRoute when odd; its content random.</summary>
    private static KubeObject Route(int i, Random random)
    {
        var ns = random.Next(4) == 0 ? "b" : "a";
        var name = "r" + i.ToString(CultureInfo.InvariantCulture);
        ParentReference[] parents = random.Next(5) switch
        {
            0 => [new ParentReference { Name = "gw", Namespace = "a", SectionName = "wild" }],
            1 => [new ParentReference { Name = "gw", Namespace = "a", SectionName = "same" }, new ParentReference { Name = "gw", Namespace = "a" }],
            2 => [new ParentReference { Name = "missing", Namespace = "a" }],
            _ => [new ParentReference { Name = "gw", Namespace = "a" }],
        };
        string[] hostnames = [.. Enumerable.Range(0, random.Next(3)).Select(_ => HostnameChoices[random.Next(HostnameChoices.Length)]).Distinct()];
        var meta = Meta(name, ns, random.Next(1, 4));
        var rules = Enumerable.Range(0, random.Next(1, 3));
        if (i % 2 == 0)
        {
            return new GrpcRoute
            {
                ApiVersion = GatewayApiGroup.V1, Kind = GatewayApiGroup.GrpcRouteKind, Metadata = meta,
                Spec = new GrpcRouteSpec
                {
                    ParentRefs = parents, Hostnames = hostnames,
                    Rules = [.. rules.Select(_ => new GrpcRouteRule
                    {
                        Matches = random.Next(4) == 0 ? [] :
                        [
                            new GrpcRouteMatch
                            {
                                Method = random.Next(6) switch
                                {
                                    0 => new Model.GatewayApi.GrpcMethodMatch { Type = MatchTypes.RegularExpression, Service = "pkg\\.v[0-9]+" },
                                    1 => new Model.GatewayApi.GrpcMethodMatch { Service = "not a service" },
                                    _ => new Model.GatewayApi.GrpcMethodMatch { Service = $"pkg.S{random.Next(5)}", Method = $"M{random.Next(3)}" },
                                },
                            },
                        ],
                        Filters = random.Next(5) == 0 ? [Mirror<GrpcRouteFilter>(random, m => new GrpcRouteFilter { Type = FilterType.RequestMirror, RequestMirror = m })] : [],
                        BackendRefs = [.. Enumerable.Range(0, random.Next(3)).Select(_ => new GrpcBackendRef
                        {
                            Name = $"svc{random.Next(7)}", Namespace = random.Next(3) == 0 ? "b" : null, Port = 50051, Weight = random.Next(4) == 0 ? 0 : 1 + random.Next(3),
                        })],
                    })],
                },
            };
        }

        return new HttpRoute
        {
            ApiVersion = GatewayApiGroup.V1, Kind = GatewayApiGroup.HttpRouteKind, Metadata = meta,
            Spec = new HttpRouteSpec
            {
                ParentRefs = parents, Hostnames = hostnames,
                Rules = [.. rules.Select(_ => new HttpRouteRule
                {
                    Matches = [new HttpRouteMatch { Path = new HttpPathMatch { Type = random.Next(3) == 0 ? MatchTypes.Exact : MatchTypes.PathPrefix, Value = random.Next(6) == 0 ? "no-slash" : $"/p{random.Next(4)}" } }],
                    Filters = random.Next(5) == 0 ? [Mirror<HttpRouteFilter>(random, m => new HttpRouteFilter { Type = FilterType.RequestMirror, RequestMirror = m })] : [],
                    BackendRefs = [.. Enumerable.Range(0, random.Next(3)).Select(_ => new HttpBackendRef
                    {
                        Name = $"svc{random.Next(7)}", Namespace = random.Next(3) == 0 ? "b" : null, Port = 50051, Weight = 1 + random.Next(3),
                    })],
                })],
            },
        };
    }

    private static T Mirror<T>(Random random, Func<HttpRequestMirrorFilter, T> filter) =>
        filter(new HttpRequestMirrorFilter { BackendRef = new BackendObjectReference { Name = $"svc{random.Next(7)}", Port = 50051 } });

    private static ObjectMeta Meta(string name, string? ns, long generation) => new()
    {
        Name = name, Namespace = ns, Generation = generation, CreationTimestamp = DateTimeOffset.UnixEpoch,
    };
}
