using System.Text.Json.Nodes;

namespace Portico.Ops.Tests;

[Collection(GatewayCollection.Name)]
public sealed class AdminEndpointTests(GatewayFixture gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway.Host.AdminUri };

    [Fact]
    public async Task ObjectsCarryCreationTimeAndStatusButNoSecretsOrServices()
    {
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/v1/objects", UriKind.Relative)))!;

        var items = doc["items"]!.AsArray();
        Assert.Equal(["GatewayClass", "Gateway", "GRPCRoute", "HTTPRoute", "ReferenceGrant"], items.Select(i => (string)i!["kind"]!).Distinct());
        Assert.All(items, i => Assert.NotNull((string?)i!["metadata"]!["creationTimestamp"]));
        Assert.All(items.Where(i => (string?)i!["kind"] != "ReferenceGrant"), i => Assert.NotNull(i!["status"]));
    }

    [Fact]
    public async Task StatsCountRoutesAndBackends()
    {
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/v1/stats", UriKind.Relative)))!;

        Assert.True((long)doc["unixMilliseconds"]! > 0);
        const string Route = "grpcroute/default/canary/rule/0";
        var total = doc["routes"]!.AsArray().Where(r => (string?)r!["route"] == Route).Sum(r => (double)r!["count"]!);
        Assert.True(total >= GatewayFixture.CanaryCalls, doc.ToJsonString());
        double Backend(string id) => doc["backends"]!.AsArray().Where(b => (string?)b!["route"] == Route && (string?)b["backend"] == id).Sum(b => (double)b!["count"]!);
        var v1 = Backend("service/default/v1/port/9000/h2c");
        var v2 = Backend("service/default/v2/port/9000/h2c");
        Assert.Equal(total, v1 + v2);
        Assert.InRange(v1 / total, 0.88, 0.92);
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/dashboard", "text/html")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    [InlineData("/dashboard/dashboard.js", "text/javascript")]
    public async Task DashboardAssetsAreServedFromTheAssembly(string path, string contentType)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length > 100);
        Assert.DoesNotContain("http://", body, StringComparison.Ordinal); // nothing is loaded from elsewhere
        Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();
}
