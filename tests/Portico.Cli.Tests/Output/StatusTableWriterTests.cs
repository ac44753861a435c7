using Portico.Cli.Output;
using Portico.Model.GatewayApi;
using Portico.Model.Status;
using static Portico.Cli.Tests.Support.Reports;

namespace Portico.Cli.Tests.Output;

public sealed class StatusTableWriterTests
{
    [Fact]
    public void WritesOneAlignedBlockPerObject()
    {
        var report = new StatusReport
        {
            Items =
            [
                GatewayClass(Condition("Accepted", "True", "Accepted", "Handled by portico")),
                Gateway([Condition("Accepted", "True", "Accepted"), Condition("Programmed", "False", "Invalid", "line one\nline two")],
                    Listener("grpc", 2, Condition("ResolvedRefs", "True", "ResolvedRefs"))),
                GrpcRoute("payments", new ParentReference { Group = "", Kind = "Service", Name = "payment-service", Port = 50051 }),
            ],
        };
        using var writer = new StringWriter();

        StatusTableWriter.Write(report, writer);

        var expected = """
            GatewayClass portico
              TYPE      STATUS  REASON    MESSAGE
              Accepted  True    Accepted  Handled by portico

            Gateway infra/gw
              addresses: 127.0.0.1
              TYPE        STATUS  REASON    MESSAGE
              Accepted    True    Accepted
              Programmed  False   Invalid   line one line two
              listener grpc: attachedRoutes 2, supportedKinds GRPCRoute, HTTPRoute
                TYPE          STATUS  REASON        MESSAGE
                ResolvedRefs  True    ResolvedRefs

            GRPCRoute app/payments
              parent Service app/payment-service port 50051 (controller portico.dev/gateway-controller)
                (no conditions)

            """;
        Assert.Equal(expected, writer.ToString());
    }

    [Fact]
    public void EmptyReport_SaysWhyNothingIsShown()
    {
        using var writer = new StringWriter();

        StatusTableWriter.Write(new StatusReport(), writer);

        Assert.Contains("No objects owned by this controller", writer.ToString(), StringComparison.Ordinal);
    }
}
