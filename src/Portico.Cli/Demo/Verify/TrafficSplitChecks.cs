using System.Globalization;
using Portico.Samples.Protos.Order.V1;
using Portico.Samples.Protos.Recommendation.V1;

namespace Portico.Cli.Demo.Verify;

/// <summary>
/// production-gateway's routes without hostnames: canary-route (the guide's 100-call loop piped through
/// <c>grep server_version | sort | uniq -c</c>, expected 90/10 within ±6) and ab-test-route (the header
/// <c>x-experiment-group: treatment-a</c> reaches v2, anything else v1), over TLS and over the cleartext listener.
/// </summary>
internal static class TrafficSplitChecks
{
    /// <summary>Runs the checks; returns the canary tally as <c>uniq -c</c> would print it.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(VerifyContext context)
    {
        var tally = await CanaryAsync(context).ConfigureAwait(false);
        await AbTestAsync(context).ConfigureAwait(false);
        return tally;
    }

    private static async Task<IReadOnlyList<string>> CanaryAsync(VerifyContext context)
    {
        var check = string.Create(CultureInfo.InvariantCulture, $"canary-route: {Walkthrough.CanaryCalls} x GetOrder");
        var stableShare = Walkthrough.CanaryStableShare;
        var expected = string.Create(CultureInfo.InvariantCulture,
            $"{stableShare}±{Walkthrough.CanaryTolerance} {Walkthrough.CanaryStable}, {100 - stableShare}±{Walkthrough.CanaryTolerance} {Walkthrough.CanaryCanary}");
        var channel = context.Channel(Walkthrough.ProductionGateway, Walkthrough.HttpsListener, Walkthrough.ApiHost);
        if (channel is null)
        {
            context.MissingListener(check, expected, Walkthrough.ProductionGateway, Walkthrough.HttpsListener);
            return [];
        }

        var client = new OrderService.OrderServiceClient(channel);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Walkthrough.CanaryCalls; i++)
        {
            var call = await GrpcProbe.CallAsync(o => client.GetOrderAsync(new GetOrderRequest { OrderId = "1001" }, o), null, context.CancellationToken).ConfigureAwait(false);
            var key = call.Reply?.ServerVersion ?? $"error {call.Error!.StatusCode}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var stable = counts.GetValueOrDefault(Walkthrough.CanaryStable);
        var canary = counts.GetValueOrDefault(Walkthrough.CanaryCanary);
        var expectedStable = Walkthrough.CanaryCalls * stableShare / 100;
        var passed = stable + canary == Walkthrough.CanaryCalls &&
            Math.Abs(stable - expectedStable) <= Walkthrough.CanaryTolerance &&
            Math.Abs(canary - (Walkthrough.CanaryCalls - expectedStable)) <= Walkthrough.CanaryTolerance;
        var ordered = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var actual = string.Join(", ", ordered.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key}")));
        context.Report.Add(check, expected, actual, passed);

        // `sort | uniq -c` sorts by line, so the lines come out in the order of the instance names.
        return [.. ordered.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value,7}   \"server_version\": \"{c.Key}\","))];
    }

    private static async Task AbTestAsync(VerifyContext context)
    {
        var tls = context.Channel(Walkthrough.ProductionGateway, Walkthrough.HttpsListener, Walkthrough.ApiHost);
        if (tls is null)
        {
            context.MissingListener("ab-test-route", Walkthrough.RecommendationV2, Walkthrough.ProductionGateway, Walkthrough.HttpsListener);
        }
        else
        {
            var client = new RecommendationService.RecommendationServiceClient(tls);
            var cases = new (string Check, string? Group, string Expected)[]
            {
                ($"ab-test-route: {Walkthrough.ExperimentHeader}: {Walkthrough.ExperimentTreatment}", Walkthrough.ExperimentTreatment, Walkthrough.RecommendationV2),
                ($"ab-test-route: {Walkthrough.ExperimentHeader}: treatment-b", "treatment-b", Walkthrough.RecommendationV1),
                ("ab-test-route: no experiment header", null, Walkthrough.RecommendationV1),
            };
            foreach (var (check, group, expected) in cases)
            {
                var headers = group is null ? null : GrpcProbe.Headers((Walkthrough.ExperimentHeader, group));
                var call = await GrpcProbe.CallAsync(o => client.GetRecommendationsAsync(new GetRecommendationsRequest { UserId = "123" }, o), headers, context.CancellationToken).ConfigureAwait(false);
                context.Report.Expect(check, expected, call.Show(r => r.ServerVersion));
            }
        }

        // The same route through the cleartext listener (HTTP, h2c): ab-test-route attaches to both.
        var h2c = context.Channel(Walkthrough.ProductionGateway, Walkthrough.HttpListener, Walkthrough.ApiHost);
        var name = $"ab-test-route via listener {Walkthrough.HttpListener} (h2c), {Walkthrough.ExperimentTreatment}";
        if (h2c is null)
        {
            context.MissingListener(name, Walkthrough.RecommendationV2, Walkthrough.ProductionGateway, Walkthrough.HttpListener);
            return;
        }

        var plain = new RecommendationService.RecommendationServiceClient(h2c);
        var viaHttp = await GrpcProbe.CallAsync(o => plain.GetRecommendationsAsync(new GetRecommendationsRequest { UserId = "123" }, o),
            GrpcProbe.Headers((Walkthrough.ExperimentHeader, Walkthrough.ExperimentTreatment)), context.CancellationToken).ConfigureAwait(false);
        context.Report.Expect(name, Walkthrough.RecommendationV2, viaHttp.Show(r => r.ServerVersion));
    }
}
