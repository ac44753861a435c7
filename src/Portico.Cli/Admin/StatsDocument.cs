using System.Globalization;
using System.Text.Json.Nodes;
using Portico.Proxy.Metrics;

namespace Portico.Cli.Admin;

/// <summary>
/// The admin API's <c>/api/v1/stats</c> document: request totals per route (and result code) and per route and
/// backend, with the time they were read. Counters only grow; the dashboard polls and turns deltas into rates.
/// </summary>
internal static class StatsDocument
{
    public static JsonObject Build(ProxyMetrics metrics, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var routes = new JsonArray();
        foreach (var (route, code, count) in metrics.RouteTotals())
        {
            routes.Add((JsonNode)new JsonObject { ["route"] = route, ["code"] = code, ["count"] = count });
        }

        var backends = new JsonArray();
        foreach (var (route, backend, code, count) in metrics.BackendTotals())
        {
            backends.Add((JsonNode)new JsonObject { ["route"] = route, ["backend"] = backend, ["code"] = code, ["count"] = count });
        }

        return new JsonObject
        {
            ["timestamp"] = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["unixMilliseconds"] = now.ToUnixTimeMilliseconds(),
            ["routes"] = routes,
            ["backends"] = backends,
        };
    }
}
