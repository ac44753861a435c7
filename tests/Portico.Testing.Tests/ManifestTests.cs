using YamlDotNet.RepresentationModel;

namespace Portico.Testing.Tests;

public sealed class ManifestTests
{
    [Fact]
    public async Task Full_manifest_parses_and_contains_every_kind()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        using var cert = TestCertificates.CreateSelfSigned("*.example.com");
        var ports = FreePorts.Take(2);

        var yaml = new Manifests("apps")
            .Namespace("apps", new Dictionary<string, string> { ["team"] = "a" })
            .GatewayClass()
            .Gateway("gw", [
                GatewayListener.Http("http", ports[0]) with { AllowedRoutesFrom = "All", AllowedKinds = ["GRPCRoute"] },
                GatewayListener.Https("https", ports[1], "tls", "*.example.com") with
                {
                    AllowedRoutesFrom = "Selector",
                    AllowedRoutesSelector = new Dictionary<string, string> { ["team"] = "a" },
                },
            ])
            .TlsSecret("tls", cert)
            .Service("echo", [v1, v2], port: 9000)
            .GrpcRoute("r", [new ParentRef("gw") { SectionName = "http" }], ["grpc.example.com"], [
                RouteRule.To(BackendRef.Weighted("echo", 9000, 3)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary")),
            ])
            .HttpRoute("h", ["gw"], null, [RouteRule.To(new BackendRef("echo", 9000)).WithMatches(RouteMatch.PathPrefix("/api"))])
            .ReferenceGrant("grant", [new GrantFrom("GRPCRoute", "other")], [new GrantTo()])
            .ToYaml();

        var documents = Parse(yaml);
        var kinds = documents.Select(d => Scalar(d, "kind")).ToList();

        Assert.Equal(
            ["Namespace", "GatewayClass", "Gateway", "Secret", "Service", "EndpointSlice", "EndpointSlice", "GRPCRoute", "HTTPRoute", "ReferenceGrant"],
            kinds);
        Assert.Equal("portico.dev/gateway-controller", Scalar(documents[1], "spec", "controllerName"));

        var gateway = documents[2];
        var https = Item(Node(gateway, "spec", "listeners"), 1);
        Assert.Equal("*.example.com", Scalar(https, "hostname"));
        Assert.Equal("tls", Scalar(Item(Node(https, "tls", "certificateRefs"), 0), "name"));
        Assert.Equal("a", Scalar(https, "allowedRoutes", "namespaces", "selector", "matchLabels", "team"));
        Assert.Equal(ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(https, "port"));

        Assert.Equal(cert.CertificateBase64, Scalar(documents[3], "data", "tls.crt"));
        Assert.Equal("kubernetes.io/tls", Scalar(documents[3], "type"));

        Assert.Equal("kubernetes.io/h2c", Scalar(Item(Node(documents[4], "spec", "ports"), 0), "appProtocol"));
        var slice = documents[5];
        Assert.Equal("echo", Scalar(slice, "metadata", "labels", "kubernetes.io/service-name"));
        Assert.Equal("IPv4", Scalar(slice, "addressType"));
        Assert.Equal("grpc", Scalar(Item(Node(slice, "ports"), 0), "name"));
        var slicePorts = documents.Skip(5).Take(2).Select(d => int.Parse(Scalar(Item(Node(d, "ports"), 0), "port"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { v1.Port, v2.Port }.Order(), slicePorts.Order());
        var endpoint = Item(Node(slice, "endpoints"), 0);
        Assert.Equal("127.0.0.1", Scalar(Item(Node(endpoint, "addresses"), 0)));
        Assert.Equal("true", Scalar(endpoint, "conditions", "ready"));

        var rule = Item(Node(documents[7], "spec", "rules"), 0);
        Assert.Equal("Unary", Scalar(Item(Node(rule, "matches"), 0), "method", "method"));
        Assert.Equal("3", Scalar(Item(Node(rule, "backendRefs"), 0), "weight"));
        Assert.Equal("grpc.example.com", Scalar(Item(Node(documents[7], "spec", "hostnames"), 0)));
        Assert.Equal("gateway.networking.k8s.io/v1beta1", Scalar(documents[9], "apiVersion"));
        Assert.Equal(string.Empty, Scalar(Item(Node(documents[9], "spec", "to"), 0), "group"));
    }

    [Fact]
    public void Raw_rules_are_reindented_under_the_route()
    {
        var yaml = new Manifests()
            .GrpcRoute("r", ["gw"], null, """
                    - matches:
                      - method:
                          service: portico.test.Other
                      backendRefs:
                      - name: other
                        port: 9000
                    - backendRefs:
                      - {name: echo, port: 9000, weight: 0}
                    """)
            .ToYaml();

        var rules = Node(Parse(yaml).Single(), "spec", "rules");

        Assert.Equal("portico.test.Other", Scalar(Item(Node(Item(rules, 0), "matches"), 0), "method", "service"));
        Assert.Equal("0", Scalar(Item(Node(Item(rules, 1), "backendRefs"), 0), "weight"));
        Assert.Equal("default", Scalar(Parse(yaml).Single(), "metadata", "namespace"));
    }

    [Fact]
    public void Rule_filters_and_extra_fields_are_kept()
    {
        var rule = RouteRule.To(new BackendRef("svc", 80))
            .WithFilters("type: RequestHeaderModifier\nrequestHeaderModifier:\n  add:\n  - {name: x-a, value: \"1\"}")
            with { ExtraYaml = "timeouts:\n  request: 2s" };

        var yaml = new Manifests().HttpRoute("h", ["gw"], ["a.example.com"], [rule]).ToYaml();
        var parsed = Item(Node(Parse(yaml).Single(), "spec", "rules"), 0);

        Assert.Equal("RequestHeaderModifier", Scalar(Item(Node(parsed, "filters"), 0), "type"));
        Assert.Equal("2s", Scalar(parsed, "timeouts", "request"));
        Assert.Equal("svc", Scalar(Item(Node(parsed, "backendRefs"), 0), "name"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("80")]
    [InlineData("1.5")]
    [InlineData("*.example.com")]
    [InlineData("null")]
    [InlineData("a: b")]
    [InlineData("line\nbreak \"quoted\"")]
    [InlineData("")]
    public void Ambiguous_strings_stay_strings(string value)
    {
        var yaml = new Manifests().Namespace("ns", new Dictionary<string, string> { ["k"] = value }).ToYaml();

        var node = (YamlScalarNode)Node(Parse(yaml).Single(), "metadata", "labels", "k");

        Assert.Equal(value, node.Value);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, node.Style);
    }

    [Fact]
    public void Unready_endpoints_and_loopback_checks()
    {
        var yaml = new Manifests().Service("s", [new ServicePortSpec(null, 80)], [new EndpointTarget("127.0.0.2", 5000) { Ready = false }]).ToYaml();
        var slice = Parse(yaml)[1];

        Assert.Equal("false", Scalar(Item(Node(slice, "endpoints"), 0), "conditions", "ready"));
        Assert.Equal(string.Empty, Scalar(Item(Node(slice, "ports"), 0), "name"));
        Assert.Throws<ArgumentException>(() => new Manifests().Service("s", [new ServicePortSpec(null, 80)], [new EndpointTarget("10.0.0.1", 5000)]));
    }

    private static List<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static YamlNode Item(YamlNode sequence, int index) => ((YamlSequenceNode)sequence).Children[index];

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? string.Empty;
}
