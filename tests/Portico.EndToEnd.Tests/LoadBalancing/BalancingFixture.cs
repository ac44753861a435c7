using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.LoadBalancing;

/// <summary>Weighted backendRefs, an invalid share, cross-namespace references and a multi-endpoint Service.</summary>
public sealed class BalancingFixture : GatewayFixture
{
    public TestBackend[] Weighted { get; private set; } = [];

    public TestBackend[] RoundRobin { get; private set; } = [];

    public TestBackend NotReady { get; private set; } = null!;

    public TestBackend Valid { get; private set; } = null!;

    public TestBackend Granted { get; private set; } = null!;

    public TestBackend Denied { get; private set; } = null!;

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var all = await StartBackendsAsync("w70", "w30", "w0", "rr1", "rr2", "rr3", "not-ready", "valid", "granted", "denied");
        Weighted = all[..3];
        RoundRobin = all[3..6];
        (NotReady, Valid, Granted, Denied) = (all[6], all[7], all[8], all[9]);
        var grpcPort = new ServicePortSpec("grpc", 8080) { AppProtocol = AppProtocols.H2c };
        return new Manifests()
            .GatewayClass()
            .Namespace("backends")
            .Gateway("gw", [GatewayListener.Http("grpc", Port)])
            .Service("w70", [Weighted[0]])
            .Service("w30", [Weighted[1]])
            .Service("w0", [Weighted[2]])
            .Service("rr", [grpcPort], [.. RoundRobin.Select(b => EndpointTarget.For(b)), EndpointTarget.For(NotReady, ready: false)])
            .Service("valid", [Valid])
            .Service("granted", [Granted], ns: "backends")
            .Service("denied", [Denied], ns: "backends")
            .ReferenceGrant("routes-to-granted", [new GrantFrom("GRPCRoute", "default")], [new GrantTo("Service", "granted")], ns: "backends")
            // Conformance GRPCRouteWeight: 70/30/0.
            .GrpcRoute("weights", ["gw"], ["weights.example.com"], [
                RouteRule.To(BackendRef.Weighted("w70", 8080, 70), BackendRef.Weighted("w30", 8080, 30), BackendRef.Weighted("w0", 8080, 0)),
            ])
            .GrpcRoute("split", ["gw"], ["split.example.com"], [
                RouteRule.To(BackendRef.Weighted("valid", 8080, 1), BackendRef.Weighted("missing", 8080, 1)),
            ])
            .GrpcRoute("rr", ["gw"], ["rr.example.com"], [RouteRule.To(new BackendRef("rr", 8080))])
            .GrpcRoute("granted", ["gw"], ["granted.example.com"], [RouteRule.To(new BackendRef("granted", 8080) { Namespace = "backends" })])
            .GrpcRoute("denied", ["gw"], ["denied.example.com"], [RouteRule.To(new BackendRef("denied", 8080) { Namespace = "backends" })]);
    }
}

/// <summary>Weight and endpoint tests share one gateway (and run one class at a time).</summary>
[CollectionDefinition(Name)]
public sealed class BalancingCollection : ICollectionFixture<BalancingFixture>
{
    public const string Name = "Balancing";
}
