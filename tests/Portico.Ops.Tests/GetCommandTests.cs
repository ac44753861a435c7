using System.Text.Json.Nodes;

namespace Portico.Ops.Tests;

[Collection(GatewayCollection.Name)]
public sealed class GetCommandTests(GatewayFixture gateway)
{
    private CliRun Get(params string[] args) => CliRun.Of(["get", .. args, "--admin-address", gateway.Admin]);

    [Fact]
    public void GatewaysInAllNamespacesAreProgrammed()
    {
        var run = Get("gateways", "-A");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["NAMESPACE", "NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"], run.Rows[0]);
        var gw = Assert.Single(run.Rows, r => r[1] == "gw");
        Assert.Equal(["default", "gw", "portico", "127.0.0.1", "True"], gw[..5]);
        Assert.Matches("^[0-9]+[smhdy]", gw[5]);
        Assert.Contains(run.Rows, r => r is ["infra", "edge", "portico", "127.0.0.1", "True", _]);
    }

    [Fact]
    public void DefaultNamespaceAndShortNames()
    {
        var run = Get("gtw");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"], run.Rows[0]);
        Assert.Equal("gw", Assert.Single(run.Rows.Skip(1))[0]); // edge is in infra
        Assert.Equal(run.Rows.Count, Get("gateway").Rows.Count);
    }

    [Fact]
    public void RoutesShowHostnamesParentsAndAccepted()
    {
        var grpc = Get("grpcroutes");
        Assert.True(grpc.ExitCode == 0, grpc.ToString());
        Assert.Equal(["NAME", "HOSTNAMES", "PARENTS", "ACCEPTED", "AGE"], grpc.Rows[0]);
        Assert.Equal(["canary", "grpc.example.com", "gw", "True"], grpc.Rows[1][..4]);

        var http = Get("httproute", "-A", "-o", "wide");
        Assert.True(http.ExitCode == 0, http.ToString());
        Assert.Equal(["apps", "shop", "shop.example.com", "infra/edge", "True", "True", "1", "default/v1:9000(1)"], http.Rows[1][..8]);
    }

    [Fact]
    public void ReferenceGrantsShowFromAndTo()
    {
        var run = Get("refgrant", "-n", "default");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["NAME", "FROM", "TO", "AGE"], run.Rows[0]);
        Assert.Equal(["allow-apps", "HTTPRoute/apps", "Service"], run.Rows[1][..3]);
    }

    [Fact]
    public void JsonIsAListOfObjectsWithSpecMetadataAndLiveStatus()
    {
        var run = Get("gateways", "-A", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var doc = JsonNode.Parse(run.Output)!;
        Assert.Equal("List", (string?)doc["kind"]);
        var gw = doc["items"]!.AsArray().Single(i => (string?)i!["metadata"]!["name"] == "gw")!;
        Assert.Equal("Gateway", (string?)gw["kind"]);
        Assert.NotNull((string?)gw["metadata"]!["creationTimestamp"]);
        Assert.Equal("portico", (string?)gw["spec"]!["gatewayClassName"]);
        var programmed = gw["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Programmed")!;
        Assert.Equal("True", (string?)programmed["status"]);
        Assert.NotNull((string?)programmed["lastTransitionTime"]);
    }

    [Fact]
    public void OneObjectAsYaml()
    {
        var run = Get("grpcroute", "canary", "-o", "yaml");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("weight: 90", run.Output, StringComparison.Ordinal);
        Assert.Contains("reason: Accepted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNameIsNotFound()
    {
        var run = Get("gateway", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("gateway \"nope\" not found in namespace \"default\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyNamespaceSaysSo()
    {
        var run = Get("grpcroutes", "-n", "nothing-here");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("No resources found in nothing-here namespace.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTypeIsAUsageError()
    {
        var run = Get("widgets");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("unknown resource type 'widgets'", run.Error, StringComparison.Ordinal);
    }
}
