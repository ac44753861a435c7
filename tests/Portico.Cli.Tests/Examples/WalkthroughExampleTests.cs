using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portico.Cli.Tests.Support;

namespace Portico.Cli.Tests.Examples;

/// <summary>
/// The README's first command runs on <c>examples/walkthrough</c>; these tests keep that example saying what its
/// README says: everything attaches and resolves, except the GAMMA route Portico does not serve yet. The example
/// ships without TLS keys; <see cref="PreparedWalkthrough"/> adds them as its README says (portico demo --prepare-only).
/// </summary>
public sealed class WalkthroughExampleTests(PreparedWalkthrough walkthrough) : IClassFixture<PreparedWalkthrough>
{
    private string Example => walkthrough.Path;

    [Fact]
    public void Check_SucceedsAndOnlyWarnsAboutTheDeployment()
    {
        var result = CliRunner.Run("check", "--config", Example);

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(new Regex(@"07-handson-deployment\.yaml(:\d+)*: warning: .*Deployment"), warning);
    }

    [Fact]
    public void BothGatewaysOn443_AreProgrammedOnTheirOwnAddresses()
    {
        var items = StatusJson.Items(CliRunner.Run("check", "-c", Example, "-o", "json").Out);

        var production = StatusJson.Item(items, "Gateway", "production-gateway")["status"]!;
        var grpc = StatusJson.Item(items, "Gateway", "grpc-gateway")["status"]!;
        foreach (var gateway in new[] { production, grpc })
        {
            Assert.Equal("True", StatusJson.Condition(gateway["conditions"], "Accepted"));
            Assert.Equal("True", StatusJson.Condition(gateway["conditions"], "Programmed"));
            foreach (var listener in gateway["listeners"]!.AsArray())
            {
                Assert.Equal("True", StatusJson.Condition(listener!["conditions"], "Programmed"));
                Assert.Equal("True", StatusJson.Condition(listener["conditions"], "ResolvedRefs"));
            }
        }

        Assert.Equal("127.0.0.1", (string?)production["addresses"]![0]!["value"]);
        Assert.Equal("127.0.0.2", (string?)grpc["addresses"]![0]!["value"]);
        Assert.Equal(
            [("grpc", 3), ("http", 2)],
            production["listeners"]!.AsArray().Select(l => ((string)l!["name"]!, (int)l["attachedRoutes"]!)));
        Assert.Equal([("grpc-tls", 2)], grpc["listeners"]!.AsArray().Select(l => ((string)l!["name"]!, (int)l["attachedRoutes"]!)));
    }

    [Theory]
    [InlineData("user-service-route")]
    [InlineData("ab-test-route")]
    [InlineData("canary-route")]
    [InlineData("user-grpc-route")]
    [InlineData("inventory-route")]
    public void GatewayRoutes_AreAcceptedWithResolvedBackends(string route)
    {
        var items = StatusJson.Items(CliRunner.Run("check", "-c", Example, "-o", "json").Out);

        var parents = StatusJson.Item(items, "GRPCRoute", route)["status"]!["parents"]!.AsArray();
        Assert.NotEmpty(parents);
        foreach (var parent in parents)
        {
            Assert.Equal("True", StatusJson.Condition(parent!["conditions"], "Accepted"));
            Assert.Equal("True", StatusJson.Condition(parent["conditions"], "ResolvedRefs"));
        }
    }

    [Fact]
    public void Strict_FailsOnlyOnTheGammaRoute()
    {
        var result = CliRunner.Run("check", "-c", Example, "--strict");

        Assert.Equal(ExitCodes.StrictFailure, result.ExitCode);
        var failures = result.Err.Split('\n').Where(l => l.StartsWith("strict: ", StringComparison.Ordinal)).ToList();
        var failure = Assert.Single(failures);
        Assert.StartsWith("strict: GRPCRoute app/payment-mesh-route parent Service app/payment-service port 50051: Accepted=False (UnsupportedValue)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ServesBothCertificatesAndEveryBackendOnLoopback()
    {
        var result = CliRunner.Run("translate", "-c", Example, "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var ir = JsonNode.Parse(result.Out)!["ir"]!;
        Assert.Equal(["secret/infra/api-tls-cert", "secret/infra/wildcard-cert"], ir["certificates"]!.AsArray().Select(c => (string?)c!["id"]));
        var endpoints = ir["backends"]!.AsArray().SelectMany(b => b!["endpoints"]!.AsArray()).ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Equal("127.0.0.1", (string?)e!["address"]));
    }
}
