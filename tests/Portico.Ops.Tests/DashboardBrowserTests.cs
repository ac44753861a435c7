using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Portico.Ops.Tests;

/// <summary>
/// The dashboard rendered by a real browser while canary traffic flows: what a person would see, not the JSON
/// behind it. The screenshot is kept next to the test binary (artifacts/dashboard.png) for people to look at.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class DashboardBrowserTests(GatewayFixture gateway, ITestOutputHelper log)
{
    [Fact]
    public async Task ShowsGatewaysRoutesBackendsAndTheCanarySplit()
    {
        var page = new Uri(gateway.Host.AdminUri, "/");
        using var traffic = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            // Steady traffic while the browser polls, so the page has rates (not only totals) to show.
            while (!traffic.IsCancellationRequested)
            {
                await gateway.CanaryTrafficAsync(10, traffic.Token);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        string dom;
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        try
        {
            dom = await HeadlessChromium.DumpDomAsync(page, 5000);
            await HeadlessChromium.ScreenshotAsync(page, screenshot, 5000);
        }
        finally
        {
            await traffic.CancelAsync();
            await load.ContinueWith(static _ => { }, TaskScheduler.Default); // cancellation ends it; nothing else to report
        }

        log.WriteLine($"screenshot: {screenshot}");
        Assert.Contains("data-gateway=\"default/gw\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-gateway=\"infra/edge\"", dom, StringComparison.Ordinal);
        Assert.Contains("Programmed: True", dom, StringComparison.Ordinal);
        Assert.Contains(">canary<", dom, StringComparison.Ordinal);
        Assert.Contains(">shop<", dom, StringComparison.Ordinal);
        Assert.Contains("Accepted: True", dom, StringComparison.Ordinal);
        Assert.Contains("GRPCRoute default/canary rule 0 [split]", dom, StringComparison.Ordinal);
        Assert.Contains("service default/v1:9000", dom, StringComparison.Ordinal);
        Assert.Contains("service default/v2:9000", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot read the admin API", dom, StringComparison.Ordinal);

        var shares = Shares(dom);
        Assert.InRange(shares["service/default/v1/port/9000/h2c"], 85, 95);
        Assert.InRange(shares["service/default/v2/port/9000/h2c"], 5, 15);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot looks empty");
    }

    /// <summary>Observed share per backend of the canary rule, from the legend's <c>data-observed</c> attributes.</summary>
    private static Dictionary<string, double> Shares(string dom)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in ShareSpan().Matches(dom))
        {
            var attributes = m.Value;
            var route = Attribute().Matches(attributes).ToDictionary(a => a.Groups[1].Value, a => a.Groups[2].Value, StringComparer.Ordinal);
            if (route.GetValueOrDefault("data-route") == "grpcroute/default/canary/rule/0")
            {
                shares[route["data-backend"]] = double.Parse(route["data-observed"], CultureInfo.InvariantCulture);
            }
        }

        Assert.True(shares.Count == 2, $"expected two canary shares in the page, found {shares.Count}");
        return shares;
    }

    [GeneratedRegex("<span[^>]*class=\"share\"[^>]*>")]
    private static partial Regex ShareSpan();

    [GeneratedRegex("(data-[a-z]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
