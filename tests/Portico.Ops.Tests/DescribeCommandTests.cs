namespace Portico.Ops.Tests;

[Collection(GatewayCollection.Name)]
public sealed class DescribeCommandTests(GatewayFixture gateway)
{
    private CliRun Describe(params string[] args) => CliRun.Of(["describe", .. args, "--admin-address", gateway.Admin]);

    [Fact]
    public void GatewayShowsListenersConditionsAndAttachedRoutes()
    {
        var run = Describe("gateway", "gw", "-n", "default");

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = run.Output;
        Assert.Matches(@"^Name: +gw\n", text);
        Assert.Matches($@"\n +Port: +{gateway.GrpcPort}\n", text);
        Assert.Contains("namespaces from Same", text, StringComparison.Ordinal);
        Assert.Contains("Type         Status   Reason       ObservedGeneration   LastTransitionTime", text, StringComparison.Ordinal);
        Assert.Matches(@"Programmed   True     Programmed   1                    \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+s ago\)   Serving 1 listener", text);
        Assert.Matches(@"Attached Routes: +1\n", text);
        Assert.Matches(@"Supported Kinds: +GRPCRoute,HTTPRoute\n", text);
        Assert.Matches(@"Conflicted +False +NoConflicts", text);
        Assert.Matches(@"GRPCRoute +default +canary +\* +True +True", text);
    }

    [Fact]
    public void RouteShowsRulesWeightsAndParentConditions()
    {
        var run = Describe("grpcroute", "canary");

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = run.Output;
        Assert.Contains("Rule 0 (split):", text, StringComparison.Ordinal);
        Assert.Contains("grpc /portico.test.Echo/Unary", text, StringComparison.Ordinal);
        Assert.Matches(@"Service default/v1:9000 +90 +90%", text);
        Assert.Matches(@"Service default/v2:9000 +10 +10%", text);
        Assert.Contains("Parent Ref:", text, StringComparison.Ordinal);
        Assert.Contains("Gateway default/gw", text, StringComparison.Ordinal);
        Assert.Matches(@"Accepted +True +Accepted +1 +\S+ \(\d+s ago\) +Route is accepted", text);
        Assert.Matches(@"ResolvedRefs +True +ResolvedRefs +1 ", text);
    }

    [Fact]
    public void HttpRouteShowsItsMatchInOneLine()
    {
        var run = Describe("httproute", "shop", "-n", "apps");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("http PathPrefix /api method=GET header:x-env=prod", run.Output, StringComparison.Ordinal);
        Assert.Contains("Gateway infra/edge", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRouteIsNotFound()
    {
        var run = Describe("httproute", "shop"); // it lives in apps

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("httproute \"shop\" not found in namespace \"default\"", run.Error, StringComparison.Ordinal);
    }
}
