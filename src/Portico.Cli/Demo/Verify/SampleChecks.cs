using System.Globalization;
using Grpc.Health.V1;
using Portico.Samples.Protos.Payment.V1;

namespace Portico.Cli.Demo.Verify;

/// <summary>
/// The sample instances themselves, without the gateway: each answers <c>grpc.health.v1.Health/Check</c> with
/// SERVING (what the guide's readinessProbe asks); and payment-service called east-west directly, which shows
/// that payment-mesh-route's header filter does nothing yet (GAMMA is not implemented), as an informational row.
/// </summary>
internal static class SampleChecks
{
    public static async Task RunAsync(VerifyContext context)
    {
        var servers = context.Session.Samples.Servers;
        var serving = 0;
        foreach (var server in servers)
        {
            using var channel = DemoChannels.Direct(server.EndPoint);
            var client = new Health.HealthClient(channel);
            var check = await GrpcProbe.CallAsync(o => client.CheckAsync(new HealthCheckRequest(), o), null, context.CancellationToken).ConfigureAwait(false);
            serving += check.Reply?.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 1 : 0;
        }

        context.Report.Add("sample instances: grpc.health.v1 Check (direct)",
            string.Create(CultureInfo.InvariantCulture, $"{servers.Count}/{servers.Count} SERVING"),
            string.Create(CultureInfo.InvariantCulture, $"{serving}/{servers.Count} SERVING"),
            passed: servers.Count > 0 && serving == servers.Count);

        var payment = servers.FirstOrDefault(s => s.Name == Walkthrough.PaymentService);
        if (payment is null)
        {
            return;
        }

        using var direct = DemoChannels.Direct(payment.EndPoint);
        var paymentClient = new PaymentService.PaymentServiceClient(direct);
        var call = await GrpcProbe.CallAsync(o => paymentClient.ProcessPaymentAsync(new ProcessPaymentRequest { OrderId = "1001", AmountCents = 4200, Currency = "KRW" }, o),
            null, context.CancellationToken).ConfigureAwait(false);
        context.Report.Info($"{Walkthrough.PaymentService} ProcessPayment east-west (direct)",
            $"{Walkthrough.PriorityHeader} not added (GAMMA not implemented)",
            call.Show(r => r.ServerVersion + (r.Metadata.ContainsKey(Walkthrough.PriorityHeader) ? $", {Walkthrough.PriorityHeader} added" : $", no {Walkthrough.PriorityHeader}")));
    }
}
