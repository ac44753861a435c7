using System.Text.Json.Nodes;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>A manifest that stops parsing keeps its last good objects until it is fixed.</summary>
public sealed class BrokenManifestTests(ITestOutputHelper output)
{
    // Line 7 is the error: a mapping value where a plain scalar already started. It also points the route at "two",
    // so a gateway that applied any part of the broken file would be caught.
    private const string BrokenRoute = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: r
          namespace: default
        spec:
          parentRefs: name: gw
          rules:
          - backendRefs:
            - name: two
              port: 9000

        """;

    [Fact]
    public async Task InvalidYamlKeepsTheLastGoodObjectsAndAFixAppliesAgain()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("base.yaml", LocalGateway.TwoServices(port, v1, v2));
        dir.Write("route.yaml", Route("one", "good-1"));
        await using var host = await LocalGateway.StartAsync(dir, output);
        using var admin = new AdminClient(host.AdminUri);
        using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        await AssertServedAsync(client, "v1", "good-1");
        var goodStatus = await admin.StatusAsync();
        Assert.Empty((await admin.ProblemsAsync())["problems"]!.AsArray());

        // :: Break it
        var generation = host.Store.Current.Generation;
        output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} breaking");
        var path = dir.Write("route.yaml", BrokenRoute);
        var problems = await Eventually.ReturnsAsync(admin.ProblemsAsync, p => (long)p["generation"]! > generation && p["problems"]!.AsArray().Count > 0);
        var messages = problems["problems"]!.AsArray().Select(p => (string)p!).ToList();
        output.WriteLine(string.Join("\n", messages));
        Assert.Contains(messages, m => m.StartsWith($"{path}:7:", StringComparison.Ordinal) && m.Contains("invalid YAML", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.StartsWith(path, m, StringComparison.Ordinal));

        await AssertServedAsync(client, "v1", "good-1");
        Assert.True(JsonNode.DeepEquals(goodStatus, await admin.StatusAsync()),
            "the status changed while the broken file kept its objects:\n" + (await admin.StatusAsync()).ToJsonString());

        // :: Fix it (with a change, so the fix is visible)
        output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} writing the fix");
        dir.Write("route.yaml", Route("two", "good-2"));
        await Eventually.SucceedsAsync(() => AssertServedAsync(client, "v2", "good-2"));
        await admin.WaitForStatusAsync(s => StatusJson.Observed(s, "GRPCRoute", "r", 2));
        Assert.Empty((await admin.ProblemsAsync())["problems"]!.AsArray());
    }

    private static async Task AssertServedAsync(Echo.EchoClient client, string server, string version)
    {
        var reply = await client.UnaryAsync(new EchoRequest { Message = "hi" }, deadline: DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(server, reply.Server);
        Assert.Equal(version, reply.Metadata["x-version"]);
    }

    private static Manifests Route(string service, string version) => new Manifests()
        .GrpcRoute("r", ["gw"], ["grpc.example.com"], [
            RouteRule.To(new BackendRef(service, 9000)).WithFilters($"""
                type: RequestHeaderModifier
                requestHeaderModifier:
                  set:
                  - name: x-version
                    value: {version}
                """),
        ]);
}
