using Portico.Cli;
using Portico.Cli.Commands;
using Portico.Demo.Tests.Support;

namespace Portico.Demo.Tests;

/// <summary>
/// <c>portico demo --verify</c> in-process on a copy of the committed walkthrough: the sample instances on the
/// EndpointSlices' ports, the gateway on the listener ports shifted by <see cref="DemoPorts.Offset"/>.
/// </summary>
[Collection(DemoPorts.Name)]
public sealed class DemoVerifyTests
{
    [Fact]
    public async Task Verify_PassesEveryCheckOfTheGuide()
    {
        using var copy = WalkthroughCopy.Create();
        var grantFile = copy.Read("10-referencegrant.yaml");

        var result = await VerifyAsync(copy);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("verify: all ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" FAIL", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("PASS", result.Row("user.api.example.com GetUser").TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("90 order-service-stable, 10 order-service-canary", result.Row("canary-route"), StringComparison.Ordinal);
        Assert.Contains("     90   \"server_version\": \"order-service-stable\",", result.Out, StringComparison.Ordinal);
        Assert.Contains("ResolvedRefs=False/RefNotPermitted", result.Row("GRPCRoute app/inventory-route, grant removed"), StringComparison.Ordinal);
        Assert.EndsWith("INFO", result.Row("GRPCRoute app/payment-mesh-route (GAMMA)").TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("Accepted=False/UnsupportedValue", result.Row("GRPCRoute app/payment-mesh-route (GAMMA)"), StringComparison.Ordinal);

        // The kubectl views, and the certificates made for the copy; the user's manifests are left as they were.
        Assert.Contains("$ kubectl get gateway -A", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(copy.Generated, "ca.crt")));
        Assert.True(File.Exists(Path.Combine(copy.Generated, "tls-secrets.yaml")));
        Assert.Equal(grantFile, copy.Read("10-referencegrant.yaml"));
    }

    [Fact]
    public async Task Verify_FailsWhenTheCanaryWeightsChange()
    {
        using var copy = WalkthroughCopy.Create();
        copy.Write("05-canary-route.yaml", copy.Read("05-canary-route.yaml").Replace("weight: 90", "weight: 50", StringComparison.Ordinal)
            .Replace("weight: 10", "weight: 50", StringComparison.Ordinal));

        var result = await VerifyAsync(copy);

        Assert.True(result.ExitCode == DemoCommand.VerifyFailed, result.ToString());
        var canary = result.Row("canary-route");
        Assert.EndsWith("FAIL", canary.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("50 order-service-canary, 50 order-service-stable", canary, StringComparison.Ordinal);
        Assert.Contains("verify: 1 of ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FailsWhenARouteSendsReadsToTheWriter()
    {
        using var copy = WalkthroughCopy.Create();
        var route = copy.Read("09-handson-user-grpc-route.yaml");
        copy.Write("09-handson-user-grpc-route.yaml", route.Replace("name: user-service-reader", "name: user-service-writer", StringComparison.Ordinal));

        var result = await VerifyAsync(copy);

        Assert.Equal(DemoCommand.VerifyFailed, result.ExitCode);
        Assert.EndsWith("FAIL", result.Row("user.api.example.com ListUsers").TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("PASS", result.Row("user.api.example.com CreateUser").TrimEnd(), StringComparison.Ordinal);
    }

    private static Task<CliResult> VerifyAsync(WalkthroughCopy copy) =>
        CliRunner.RunAsync("demo", "--verify", "--config", copy.Path, "--port-offset", DemoPorts.OffsetText, "--admin-address", "127.0.0.1:0");
}
