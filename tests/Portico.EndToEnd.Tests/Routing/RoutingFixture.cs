using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Routing;

/// <summary>
/// Gateway <c>gw</c> (one listener, no hostname) with one GRPCRoute per scenario hostname, and Gateway
/// <c>hosts</c> with the four listeners of conformance test GRPCRouteListenerHostnameMatching.
/// </summary>
public sealed class RoutingFixture : GatewayFixture
{
    public int HostsPort { get; } = FreePorts.Next();

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var backends = await StartBackendsAsync("v1", "v2", "v3");
        var manifests = new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", Port)])
            .Gateway("hosts", [
                GatewayListener.Http("listener-1", HostsPort, "bar.com"),
                GatewayListener.Http("listener-2", HostsPort, "foo.bar.com"),
                GatewayListener.Http("listener-3", HostsPort, "*.bar.com"),
                GatewayListener.Http("listener-4", HostsPort, "*.foo.com"),
            ]);
        foreach (var b in backends)
        {
            manifests.Service(b.Name, [b], port: 8080);
        }

        var v1 = new BackendRef("v1", 8080);
        var v2 = new BackendRef("v2", 8080);
        var v3 = new BackendRef("v3", 8080);
        return manifests
            // Conformance GRPCExactMethodMatching.
            .GrpcRoute("exact", ["gw"], ["exact.example.com"], [
                RouteRule.To(v1).WithMatches(RouteMatch.GrpcMethod("portico.test.Anchor", "Echo")),
                RouteRule.To(v2).WithMatches(RouteMatch.GrpcMethod("portico.test.Anchor", "EchoTwo")),
            ])
            // Only Echo: EchoTwo shares its prefix and must not match.
            .GrpcRoute("anchor", ["gw"], ["anchor.example.com"], [
                RouteRule.To(v1).WithMatches(RouteMatch.GrpcMethod("portico.test.Anchor", "Echo")),
            ])
            // Conformance GRPCRouteHeaderMatching; names written in mixed case to show they are case-insensitive.
            .GrpcRoute("headers", ["gw"], ["headers.example.com"], """
                - matches: [{headers: [{name: Version, value: one}]}]
                  backendRefs: [{name: v1, port: 8080}]
                - matches: [{headers: [{name: Version, value: two}]}]
                  backendRefs: [{name: v2, port: 8080}]
                - matches: [{headers: [{name: version, value: two}, {name: Color, value: orange}]}]
                  backendRefs: [{name: v1, port: 8080}]
                - matches: [{headers: [{name: color, value: blue}]}, {headers: [{name: color, value: green}]}]
                  backendRefs: [{name: v1, port: 8080}]
                - matches: [{headers: [{name: color, value: red}]}, {headers: [{name: color, value: yellow}]}]
                  backendRefs: [{name: v2, port: 8080}]
                """)
            // Method precedence: exact service+method beats service-only whatever the rule order.
            .GrpcRoute("methods", ["gw"], ["methods.example.com"], [
                RouteRule.To(v1).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo")),
                RouteRule.To(v2).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary")),
                RouteRule.To(v3).WithMatches(RouteMatch.GrpcMethod(@"portico\.test\.O.*", type: "RegularExpression")),
                RouteRule.To(v3).WithMatches(RouteMatch.GrpcMethod(null, "EchoTwo")),
            ])
            // Hostname precedence inside one listener: exact beats wildcard.
            .GrpcRoute("wildcard", ["gw"], ["*.wild.example.com"], [RouteRule.To(v1)])
            .GrpcRoute("wildcard-exact", ["gw"], ["x.wild.example.com"], [RouteRule.To(v2)])
            // Conformance GRPCRouteListenerHostnameMatching.
            .GrpcRoute("backend-v1", [new ParentRef("hosts") { SectionName = "listener-1" }], null, [RouteRule.To(v1)])
            .GrpcRoute("backend-v2", [new ParentRef("hosts") { SectionName = "listener-2" }], null, [RouteRule.To(v2)])
            .GrpcRoute("backend-v3", [
                new ParentRef("hosts") { SectionName = "listener-3" },
                new ParentRef("hosts") { SectionName = "listener-4" },
            ], null, [RouteRule.To(v3)]);
    }
}
