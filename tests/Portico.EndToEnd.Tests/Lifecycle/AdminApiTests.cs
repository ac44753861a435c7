using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Grpc.Core;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>The admin API of a running gateway: health, readiness, metrics, status, config.</summary>
public sealed partial class AdminApiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HealthReadinessAndMetricsAfterTraffic()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", Manifests(v1, port));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);

        using (var health = await admin.Http.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var ready = await admin.Http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        for (var i = 0; i < 3; i++)
        {
            await client.UnaryAsync(new EchoRequest());
        }

        using (var stream = client.ServerStream(new StreamRequest { Count = 2 }))
        {
            await foreach (var _ in stream.ResponseStream.ReadAllAsync())
            {
            }
        }

        var unmatched = await Assert.ThrowsAsync<RpcException>(() => new Other.OtherClient(channel).CallAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, unmatched.StatusCode);

        // Counted when the call ends on the gateway, which may be just after the client saw its end.
        var metrics = await Eventually.ReturnsAsync(() => admin.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => text.Contains("code=\"Unimplemented\"", StringComparison.Ordinal) && Sample(text, "grpcroute/default/echo-route/rule/1", "OK") == 1);
        output.WriteLine(metrics);
        Assert.Contains("# TYPE portico_requests_total counter", metrics, StringComparison.Ordinal);
        Assert.Equal(3, Sample(metrics, "grpcroute/default/echo-route/rule/0", "OK"));
        Assert.Equal(1, Sample(metrics, "grpcroute/default/echo-route/rule/1", "OK"));
        Assert.Equal(1, Sample(metrics, "none", "Unimplemented"));
    }

    [Fact]
    public async Task StatusIsTheExactGatewayApiStatusWithTransitionTimes()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        var started = Truncate(DateTimeOffset.UtcNow);
        dir.Write("all.yaml", Manifests(v1, port));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);

        var status = await admin.StatusAsync();
        Assert.Equal(["items"], status.AsObject().Select(p => p.Key));
        var time = TransitionTimes(status).Distinct().Single();
        AssertTimeBetween(time, started, DateTimeOffset.UtcNow);

        var expectedClassConditions = JsonNode.Parse($$"""
            [{"type": "Accepted", "status": "True", "observedGeneration": 1, "lastTransitionTime": "{{time}}", "reason": "Accepted",
              "message": "Accepted by portico.dev/gateway-controller"}]
            """);
        var gatewayClass = StatusJson.Item(status, "GatewayClass", "portico", ns: null)!;
        Assert.Equal("gateway.networking.k8s.io/v1", (string?)gatewayClass["apiVersion"]);
        AssertJson(expectedClassConditions, gatewayClass["status"]!["conditions"]);
        var features = gatewayClass["status"]!["supportedFeatures"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.Equal(features.Order(StringComparer.Ordinal), features);
        Assert.Contains("GRPCRoute", features);
        Assert.Contains("Gateway", features);

        AssertJson(JsonNode.Parse(ExpectedGateway(time, generation: 1)), StatusJson.Item(status, "Gateway", "gw"));
        AssertJson(JsonNode.Parse(ExpectedRoute(time, generation: 1, resolved: null)), StatusJson.Item(status, "GRPCRoute", "echo-route"));
        Assert.Equal(3, status["items"]!.AsArray().Count);

        // :: A spec change that keeps the conditions: new observedGeneration, same lastTransitionTime.
        dir.Write("all.yaml", Manifests(v1, port, extraHostname: true));
        status = await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "GRPCRoute", "echo-route", 2));
        AssertJson(JsonNode.Parse(ExpectedRoute(time, generation: 2, resolved: null)), StatusJson.Item(status, "GRPCRoute", "echo-route"));
        AssertJson(JsonNode.Parse(ExpectedGateway(time, generation: 1)), StatusJson.Item(status, "Gateway", "gw"));

        // :: A condition that flips gets a new lastTransitionTime; the others keep theirs.
        dir.Write("all.yaml", Manifests(v1, port, extraHostname: true, unaryBackend: "missing"));
        status = await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "GRPCRoute", "echo-route", 3));
        var flipped = (string)StatusJson.Condition(StatusJson.Item(status, "GRPCRoute", "echo-route")!["status"]!["parents"]![0]!, "ResolvedRefs")["lastTransitionTime"]!;
        AssertTimeBetween(flipped, Truncate(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture)), DateTimeOffset.UtcNow);
        AssertJson(JsonNode.Parse(ExpectedRoute(time, generation: 3, resolved: flipped)), StatusJson.Item(status, "GRPCRoute", "echo-route"));
    }

    [Fact]
    public async Task ConfigShowsTheServedTableWithTheUsersRouteAndRuleNames()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", Manifests(v1, port));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);

        var config = await admin.ConfigAsync();
        var listener = config["listeners"]!.AsArray().Single()!;
        Assert.Equal("gateway/default/gw/listener/grpc", (string?)listener["id"]);
        Assert.Equal(port, (int)listener["port"]!);
        var host0 = listener["virtualHosts"]!.AsArray().Single()!;
        Assert.Equal("grpc.example.com", (string?)host0["hostname"]);
        var sources = host0["grpcRoutes"]!.AsArray().Select(r => r!["source"]!).ToList();
        Assert.Equal(
            ["GRPCRoute default/echo-route rule 0 unary", "GRPCRoute default/echo-route rule 1 streams"],
            sources.Select(s => $"{s["kind"]} {s["namespace"]}/{s["name"]} rule {s["rule"]} {s["ruleName"]}").Order(StringComparer.Ordinal));
        var backend = config["backends"]!.AsArray().Single()!;
        Assert.Equal("service/default/one/port/9000/h2c", (string?)backend["id"]);
        Assert.Equal(v1.Port, (int)backend["endpoints"]![0]!["port"]!);

        // The config follows edits.
        dir.Write("all.yaml", Manifests(v1, port, extraHostname: true));
        await Eventually.SucceedsAsync(async () =>
        {
            var hosts = (await admin.ConfigAsync())["listeners"]![0]!["virtualHosts"]!.AsArray().Select(h => (string?)h!["hostname"]);
            Assert.Equal(["grpc.example.com", "grpc2.example.com"], hosts.Order(StringComparer.Ordinal));
        });
    }


    /// <param name="unaryBackend">The Service of the first rule ("one" exists; another name does not).</param>
    private static Manifests Manifests(TestBackend server, int port, bool extraHostname = false, string unaryBackend = "one") =>
        new Portico.Testing.Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", port)])
            .Service("one", [server], port: 9000)
            .GrpcRoute("echo-route", ["gw"], extraHostname ? ["grpc.example.com", "grpc2.example.com"] : ["grpc.example.com"], [
                RouteRule.To(new BackendRef(unaryBackend, 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary")) with { Name = "unary" },
                RouteRule.To(new BackendRef("one", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "ServerStream")) with { Name = "streams" },
            ]);

    private static string ExpectedGateway(string time, int generation) => $$"""
        {
          "apiVersion": "gateway.networking.k8s.io/v1",
          "kind": "Gateway",
          "metadata": {"name": "gw", "namespace": "default", "generation": {{generation}}},
          "status": {
            "addresses": [{"type": "IPAddress", "value": "127.0.0.1"}],
            "conditions": [
              {"type": "Accepted", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "Accepted", "message": "Gateway is valid"},
              {"type": "Programmed", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "Programmed", "message": "Serving 1 listener(s) on 127.0.0.1"}
            ],
            "listeners": [
              {
                "name": "grpc",
                "supportedKinds": [
                  {"group": "gateway.networking.k8s.io", "kind": "GRPCRoute"},
                  {"group": "gateway.networking.k8s.io", "kind": "HTTPRoute"}
                ],
                "attachedRoutes": 1,
                "conditions": [
                  {"type": "Accepted", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "Accepted", "message": "Listener is valid"},
                  {"type": "Programmed", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "Programmed", "message": "Listener is ready to serve"},
                  {"type": "ResolvedRefs", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "ResolvedRefs", "message": "All references resolved"},
                  {"type": "Conflicted", "status": "False", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "NoConflicts", "message": "No conflicts"}
                ]
              }
            ]
          }
        }
        """;

    /// <param name="resolved">Null: ResolvedRefs is True since <paramref name="time"/>; else False/BackendNotFound since this time.</param>
    private static string ExpectedRoute(string time, int generation, string? resolved) => $$"""
        {
          "apiVersion": "gateway.networking.k8s.io/v1",
          "kind": "GRPCRoute",
          "metadata": {"name": "echo-route", "namespace": "default", "generation": {{generation}}},
          "status": {
            "parents": [
              {
                "parentRef": {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "gw"},
                "controllerName": "portico.dev/gateway-controller",
                "conditions": [
                  {"type": "Accepted", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "Accepted", "message": "Route is accepted"},
                  {{(resolved is null
                      ? $$"""{"type": "ResolvedRefs", "status": "True", "observedGeneration": {{generation}}, "lastTransitionTime": "{{time}}", "reason": "ResolvedRefs", "message": "All references resolved"}"""
                      : $$"""{"type": "ResolvedRefs", "status": "False", "observedGeneration": {{generation}}, "lastTransitionTime": "{{resolved}}", "reason": "BackendNotFound", "message": "MESSAGE"}""")}}
                ]
              }
            ]
          }
        }
        """;

    /// <summary>Deep equality; a <c>"MESSAGE"</c> in <paramref name="expected"/> accepts any non-empty message.</summary>
    private static void AssertJson(JsonNode? expected, JsonNode? actual)
    {
        var copy = actual?.DeepClone();
        foreach (var condition in copy?.DescendantConditions().ToList() ?? [])
        {
            if (Find(expected, (string)condition["type"]!, (string)condition["status"]!) is { } e && (string?)e["message"] == "MESSAGE")
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)condition["message"]));
                condition["message"] = "MESSAGE";
            }
        }

        Assert.True(JsonNode.DeepEquals(expected, copy), $"expected:\n{expected?.ToJsonString()}\nactual:\n{actual?.ToJsonString()}");

        static JsonObject? Find(JsonNode? root, string type, string status) =>
            root?.DescendantConditions().FirstOrDefault(c => (string?)c["type"] == type && (string?)c["status"] == status);
    }

    private static IEnumerable<string> TransitionTimes(JsonNode status) =>
        status["items"]!.AsArray().SelectMany(i => i!.DescendantConditions()).Select(c => (string)c["lastTransitionTime"]!);

    private static void AssertTimeBetween(string time, DateTimeOffset from, DateTimeOffset to)
    {
        Assert.Matches(KubernetesTime(), time);
        var t = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);
        Assert.InRange(t, from, to);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static double Sample(string metrics, string route, string code)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith($"portico_requests_total{{route=\"{route}\",code=\"{code}\"}} ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex KubernetesTime();
}

internal static class ConditionWalk
{
    /// <summary>Every object inside a <c>conditions</c> array, at any depth.</summary>
    public static IEnumerable<JsonObject> DescendantConditions(this JsonNode node)
    {
        if (node is JsonArray top)
        {
            return top.OfType<JsonObject>().SelectMany(o => o["type"] is not null && o["status"] is not null ? [o] : o.DescendantConditions());
        }

        return node is JsonObject o ? Walk(o) : [];
    }

    private static IEnumerable<JsonObject> Walk(JsonObject node)
    {
        foreach (var (key, value) in node)
        {
            if (value is JsonArray array)
            {
                foreach (var child in array.OfType<JsonObject>())
                {
                    if (key == "conditions")
                    {
                        yield return child;
                    }
                    else
                    {
                        foreach (var c in Walk(child))
                        {
                            yield return c;
                        }
                    }
                }
            }
            else if (value is JsonObject o)
            {
                foreach (var c in Walk(o))
                {
                    yield return c;
                }
            }
        }
    }
}
