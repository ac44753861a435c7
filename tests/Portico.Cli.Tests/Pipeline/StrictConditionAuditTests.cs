using Portico.Cli.Pipeline;
using Portico.Cli.Tests.Support;
using Portico.Model.GatewayApi;
using Portico.Model.Status;
using static Portico.Cli.Tests.Support.Reports;

namespace Portico.Cli.Tests.Pipeline;

public sealed class StrictConditionAuditTests
{
    private static readonly ParentReference Parent = new() { Name = "gw", Namespace = "infra", SectionName = "grpc" };

    [Fact]
    public void AllTrue_HasNoFailures()
    {
        var report = new StatusReport
        {
            Items =
            [
                GatewayClass(Condition("Accepted", "True", "Accepted")),
                Gateway([Condition("Accepted", "True", "Accepted"), Condition("Programmed", "True", "Programmed")],
                    Listener("grpc", 1, Condition("Accepted", "True", "Accepted"), Condition("Conflicted", "False", "NoConflicts"))),
                GrpcRoute("r", Parent, Condition("Accepted", "True", "Accepted"), Condition("ResolvedRefs", "True", "ResolvedRefs")),
            ],
        };

        Assert.Empty(StrictConditionAudit.FindFailures(report));
    }

    [Fact]
    public void FindsEveryNonTrueAcceptedResolvedRefsOrProgrammed_AtEveryLevel()
    {
        var report = new StatusReport
        {
            Items =
            [
                GatewayClass(Condition("Accepted", "Unknown", "Pending", "waiting")),
                Gateway([Condition("Accepted", "True", "Accepted"), Condition("Programmed", "False", "Invalid", "listener broken")],
                    Listener("grpc", 0, Condition("ResolvedRefs", "False", "InvalidCertificateRef", "no secret"))),
                GrpcRoute("r", Parent, Condition("Accepted", "False", "NotAllowedByListeners", "not allowed")),
            ],
        };

        var failures = StrictConditionAudit.FindFailures(report);

        Assert.Equal(
            [
                "GatewayClass portico: Accepted=Unknown (Pending): waiting",
                "Gateway infra/gw: Programmed=False (Invalid): listener broken",
                "Gateway infra/gw listener grpc: ResolvedRefs=False (InvalidCertificateRef): no secret",
                "GRPCRoute app/r parent Gateway infra/gw section grpc: Accepted=False (NotAllowedByListeners): not allowed",
            ],
            failures);
    }

    [Theory]
    [InlineData("Conflicted", "True")]
    [InlineData("OverlappingTLSConfig", "True")]
    [InlineData("PartiallyInvalid", "True")]
    [InlineData("portico.dev/Custom", "False")]
    public void OtherConditionTypes_NeverFail(string type, string status)
    {
        var report = new StatusReport { Items = [GrpcRoute("r", Parent, Condition(type, status, "Whatever"))] };

        Assert.Empty(StrictConditionAudit.FindFailures(report));
    }
}
