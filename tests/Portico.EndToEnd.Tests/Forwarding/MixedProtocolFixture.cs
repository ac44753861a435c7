using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>
/// One cleartext listener, one hostname, both route kinds: a GRPCRoute for <c>Echo</c>, an HTTPRoute for
/// <c>/web</c> (HTTP/1.1 backend) and an HTTPRoute for the <c>Other</c> service's path (h2c backend).
/// </summary>
public sealed class MixedProtocolFixture : GatewayFixture
{
    public const string Host = "mixed.example.com";

    public TestBackend Grpc { get; private set; } = null!;

    public TestBackend Web { get; private set; } = null!;

    public TestBackend Fallback { get; private set; } = null!;

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var h2c = await StartBackendsAsync("grpc", "fallback");
        (Grpc, Fallback) = (h2c[0], h2c[1]);
        Web = (await StartBackendsAsync(TestBackendOptions.Http1Only, "web"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("grpc", [Grpc], port: 9000)
            .Service("fallback", [Fallback], port: 9000)
            .Service("web", [Web], port: 80, portName: "http", appProtocol: null)
            .GrpcRoute("grpc", ["gw"], [Host], [
                RouteRule.To(new BackendRef("grpc", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo")),
            ])
            .HttpRoute("web", ["gw"], [Host], [
                RouteRule.To(new BackendRef("web", 80)).WithMatches(RouteMatch.PathPrefix("/web")),
                RouteRule.To(new BackendRef("fallback", 9000)).WithMatches(RouteMatch.PathPrefix("/portico.test.Other")),
            ]);
    }
}
