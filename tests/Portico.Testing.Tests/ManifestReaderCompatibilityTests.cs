using Portico.Files.Reading;
using Portico.Model.Core;
using Portico.Model.GatewayApi;

namespace Portico.Testing.Tests;

public sealed class ManifestReaderCompatibilityTests
{
    [Fact]
    public async Task Generated_manifests_load_without_diagnostics_in_portico_reader()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        using var ca = TestCertificates.CreateAuthority();
        using var cert = ca.IssueServerCertificate("*.example.com");
        var ports = FreePorts.Take(2);
        var manifests = new Manifests("apps")
            .Namespace("apps", new Dictionary<string, string> { ["team"] = "a" })
            .Namespace("backends")
            .GatewayClass()
            .Gateway("gw", [
                GatewayListener.Http("http", ports[0]) with { AllowedRoutesFrom = "All", AllowedKinds = ["GRPCRoute", "HTTPRoute"] },
                GatewayListener.Https("https", ports[1], "tls", "*.example.com") with
                {
                    AllowedRoutesFrom = "Selector",
                    AllowedRoutesSelector = new Dictionary<string, string> { ["team"] = "a" },
                },
            ])
            .TlsSecret("tls", cert)
            .Service("echo", [v1, v2], port: 9000, ns: "backends")
            .GrpcRoute("r", [new ParentRef("gw") { SectionName = "http" }], ["grpc.example.com"], [
                RouteRule.To(BackendRef.Weighted("echo", 9000, 3) with { Namespace = "backends" })
                    .WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary"), RouteMatch.Header("x-a", "b")),
            ])
            .HttpRoute("h", ["gw"], null, """
                - matches:
                  - path: {type: PathPrefix, value: /api}
                  filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier:
                      set:
                      - {name: x-a, value: "1"}
                  backendRefs:
                  - {name: echo, namespace: backends, port: 9000}
                """)
            .ReferenceGrant("grant", [new GrantFrom("GRPCRoute", "apps"), new GrantFrom("HTTPRoute", "apps")], [new GrantTo()], ns: "backends");

        var result = new ManifestReader().ReadText(manifests.ToYaml(), "generated.yaml");

        Assert.Empty(result.Diagnostics);
        var objects = result.KubeObjects;
        Assert.Equal(2, objects.OfType<Namespace>().Count());
        Assert.Single(objects.OfType<GatewayClass>());
        var gateway = Assert.Single(objects.OfType<Gateway>());
        Assert.Equal("tls", gateway.Spec.Listeners[1].Tls!.CertificateRefs.Single().Name);
        var slices = objects.OfType<EndpointSlice>().ToList();
        Assert.Equal(new[] { v1.Port, v2.Port }.Order(), slices.Select(s => s.Ports.Single().Port!.Value).Order());
        Assert.All(slices, s => Assert.Equal("echo", s.Metadata.Labels[EndpointSlice.ServiceNameLabel]));
        var secret = Assert.Single(objects.OfType<Secret>());
        Assert.Equal(cert.CertificatePem, System.Text.Encoding.UTF8.GetString(secret.GetValue(Secret.TlsCertKey)!));
        var route = Assert.Single(objects.OfType<GrpcRoute>());
        Assert.Equal(3, route.Spec.Rules.Single().BackendRefs.Single().Weight);
        Assert.Single(objects.OfType<HttpRoute>());
        Assert.Single(objects.OfType<ReferenceGrant>());
    }
}
