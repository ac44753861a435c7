using Portico.EndToEnd.Tests.Support;
using Portico.Testing;
using static Portico.EndToEnd.Tests.Telemetry.LimitsFixture;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>Access log sampling at 0, and the cap on gRPC method labels when clients choose method names.</summary>
public sealed class LimitsTests(LimitsFixture fixture) : IClassFixture<LimitsFixture>
{
    [Fact]
    public async Task SampleRateZero_WritesNoLines()
    {
        var before = await fixture.ScrapeAsync();
        var invoker = fixture.Channel(Host).CreateCallInvoker();
        for (var i = 0; i < 5; i++)
        {
            await GrpcCalls.UnaryAsync(invoker, "portico.test.Echo", "Unary");
        }

        // The calls are complete (counted) and the writer would have had time to write their lines.
        await Eventually.ReturnsAsync(fixture.ScrapeAsync,
            s => Scrape.DeltaSum(before, s, "grpc_server_handled_total") >= 5, TimeSpan.FromSeconds(10)); // "Unary" may count as "other"
        await Task.Delay(300);
        Assert.True(!File.Exists(fixture.LogPath) || new FileInfo(fixture.LogPath).Length == 0);
        var after = await fixture.ScrapeAsync();
        Assert.Equal(0, after.Sum("portico_access_log_lines_total", ("result", "written")));
        Assert.Equal(0, after.Sum("portico_access_log_lines_total", ("result", "dropped")));
    }

    [Fact]
    public async Task ClientChosenMethodNames_AreCappedIntoOther()
    {
        var before = await fixture.ScrapeAsync();
        var invoker = fixture.Channel(Host).CreateCallInvoker();
        const int calls = MethodCap + 10;
        for (var i = 0; i < calls; i++)
        {
            Assert.Equal("Unimplemented", await GrpcCalls.OutcomeAsync(invoker, "cap.Chosen", $"M{i:000}"));
        }

        var after = await Eventually.ReturnsAsync(fixture.ScrapeAsync,
            s => Scrape.DeltaSum(before, s, "grpc_server_handled_total", ("grpc_code", "Unimplemented")) >= calls, TimeSpan.FromSeconds(10));
        var pairs = after.Series("grpc_server_started_total")
            .Select(s => (Service: s["grpc_service"], Method: s["grpc_method"]))
            .Where(p => p.Service is not ("unknown" or "other"))
            .Distinct()
            .ToList();
        Assert.Equal(MethodCap, pairs.Count);
        var own = pairs.Count(p => p.Service == "cap.Chosen");
        Assert.Equal(calls - own, Scrape.DeltaSum(before, after, "grpc_server_handled_total",
            ("grpc_service", "other"), ("grpc_method", "other"), ("grpc_code", "Unimplemented")));
        Assert.DoesNotContain(after.Samples, s => s["grpc_method"] == $"M{calls - 1:000}");
    }
}
