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

    /// <summary>Killed by the test that uses it while a unary call is in flight.</summary>
    public TestBackend Crashing { get; private set; } = null!;

    /// <summary>A port nothing listens on (FreePorts never hands it out again, and it is below the ephemeral range).</summary>
    public int ClosedPort { get; } = FreePorts.Next();

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var backends = await StartBackendsAsync("ok", "doomed", "not-ready", "crashing");
        (Ok, Doomed, NotReady, Crashing) = (backends[0], backends[1], backends[2], backends[3]);
        var grpcPort = new ServicePortSpec("grpc", 8080) { AppProtocol = AppProtocols.H2c };
        var manifests = new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("ok", [Ok])
            .Service("doomed", [Doomed])
            .Service("crashing", [Crashing])
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
        Both("crashing", RouteRule.To(new BackendRef("crashing", 8080)));
        manifests.HttpRoute("timeouts", ["gw"], ["timeouts.example.com"], [
            RouteRule.To(new BackendRef("ok", 8080)).WithMatches(RouteMatch.PathPrefix("/request")) with { ExtraYaml = "timeouts: {request: 500ms}" },
            RouteRule.To(new BackendRef("ok", 8080)).WithMatches(RouteMatch.PathPrefix("/backend")) with { ExtraYaml = "timeouts: {backendRequest: 500ms}" },
        ]);
        return manifests;
    }
}
