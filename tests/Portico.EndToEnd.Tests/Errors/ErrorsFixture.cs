using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Errors;

/// <summary>
/// One hostname per failure, each with a GRPCRoute and an HTTPRoute (the kinds coexist on a hostname), so the
/// gRPC and HTTP mappings of the same failure can be compared.
/// </summary>
public sealed class ErrorsFixture : GatewayFixture
{
    public TestBackend Ok { get; private set; } = null!;

    public TestBackend Doomed { get; private set; } = null!;

    public TestBackend NotReady { get; private set; } = null!;

    /// <summary>A port nothing listens on (FreePorts never hands it out again, and it is below the ephemeral range).</summary>
    public int ClosedPort { get; } = FreePorts.Next();

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var backends = await StartBackendsAsync("ok", "doomed", "not-ready");
        (Ok, Doomed, NotReady) = (backends[0], backends[1], backends[2]);
        var grpcPort = new ServicePortSpec("grpc", 8080) { AppProtocol = AppProtocols.H2c };
        var manifests = new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("ok", [Ok])
            .Service("doomed", [Doomed])
            .Service("unready", [grpcPort], [EndpointTarget.For(NotReady, ready: false)])
            .Service("closed", [grpcPort], [new EndpointTarget("127.0.0.1", ClosedPort)]);

        void Both(string name, RouteRule rule)
        {
            manifests.GrpcRoute(name, ["gw"], [$"{name}.example.com"], [rule]);
            manifests.HttpRoute(name, ["gw"], [$"{name}.example.com"], [rule]);
        }

        Both("ok", RouteRule.To(new BackendRef("ok", 8080)));
        Both("doomed", RouteRule.To(new BackendRef("doomed", 8080)));
        Both("missing", RouteRule.To(new BackendRef("no-such-service", 8080)));
        // Named: Portico.Testing's YAML emitter writes an empty rule mapping as "- []" (YamlMap is an IList).
        Both("nobackends", new RouteRule { Name = "no-backends" });
        Both("unready", RouteRule.To(new BackendRef("unready", 8080)));
        Both("closed", RouteRule.To(new BackendRef("closed", 8080)));
        Both("extref", RouteRule.To(new BackendRef("ok", 8080)).WithFilters("""
            type: ExtensionRef
            extensionRef: {group: filters.example.com, kind: Magic, name: sparkle}
            """));
        return manifests;
    }
}
