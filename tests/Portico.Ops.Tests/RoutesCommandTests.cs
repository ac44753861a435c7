using System.Text.Json.Nodes;

namespace Portico.Ops.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RoutesCommandTests(GatewayFixture gateway)
{
    private CliRun Routes(params string[] args) => CliRun.Of(["routes", .. args, "--admin-address", gateway.Admin]);

    [Fact]
    public void TableNamesRoutesMatchesBackendsWeightsAndEndpoints()
    {
        var run = Routes();

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        Assert.Equal(["LISTENER", "ADDRESS", "PROTOCOL", "HOST", "MATCH", "ROUTE", "BACKENDS", "ENDPOINTS"], run.Rows[0]);
        var canary = Array.FindIndex(lines, l => l.StartsWith("default/gw/grpc", StringComparison.Ordinal));
        Assert.True(canary > 0, run.ToString());
        Assert.Matches($@"^default/gw/grpc +127\.0\.0\.1:{gateway.GrpcPort} +HTTP +grpc\.example\.com +grpc /portico\.test\.Echo/Unary +GRPCRoute default/canary rule 0 \[split\] +service default/v1:9000 weight=90 +1/1$", lines[canary]);
        Assert.Matches(@"^ +service default/v2:9000 weight=10 +1/1$", lines[canary + 1]);
        Assert.Contains(lines, l => l.StartsWith("infra/edge/http", StringComparison.Ordinal) &&
            l.Contains("http PathPrefix /api method=GET header:x-env=prod", StringComparison.Ordinal) &&
            l.Contains("HTTPRoute apps/shop rule 0", StringComparison.Ordinal));
    }

    [Fact]
    public void GatewayFilterAndJson()
    {
        var run = Routes("--gateway", "infra/edge", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var route = Assert.Single(JsonNode.Parse(run.Output)!["routes"]!.AsArray())!;
        Assert.Equal("infra/edge", (string?)route["gateway"]);
        Assert.Equal("shop", (string?)route["route"]!["name"]);
        Assert.Equal(gateway.HttpPort, (int?)route["port"]);
        var backend = Assert.Single(route["backends"]!.AsArray())!;
        Assert.Equal("service default/v1:9000", (string?)backend["backend"]);
        Assert.Equal(1, (int?)backend["readyEndpoints"]);
    }

    [Fact]
    public void JsonCarriesTheCanaryWeights()
    {
        var run = Routes("--gateway", "gw", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var route = Assert.Single(JsonNode.Parse(run.Output)!["routes"]!.AsArray())!;
        Assert.Equal("split", (string?)route["route"]!["ruleName"]);
        Assert.Equal([90, 10], route["backends"]!.AsArray().Select(b => (int)b!["weight"]!));
    }

    [Fact]
    public void UnknownGatewayIsNotFound()
    {
        var run = Routes("--gateway", "infra/nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("gateway \"infra/nope\" not found", run.Error, StringComparison.Ordinal);
    }
}
