using System.Globalization;
using System.Text.Json.Nodes;
using Portico.Proxy.Metrics;
using Prometheus;

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
        foreach (var (route, code, count) in RouteTotals(metrics))
        {
            routes.Add(new JsonObject { ["route"] = route, ["code"] = code, ["count"] = count });
        }

        var backends = new JsonArray();
        foreach (var (route, backend, code, count) in metrics.BackendTotals())
        {
            backends.Add(new JsonObject { ["route"] = route, ["backend"] = backend, ["code"] = code, ["count"] = count });
        }

        return new JsonObject
        {
            ["timestamp"] = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["unixMilliseconds"] = now.ToUnixTimeMilliseconds(),
            ["routes"] = routes,
            ["backends"] = backends,
        };
    }

    /// <summary>
    /// <c>portico_requests_total</c> by (route, code). <see cref="ProxyMetrics"/> exposes per-backend totals only;
    /// prometheus-net hands back the already registered counter for the same name and labels, so this reads the
    /// data plane's own counter (it includes fixed replies and redirects, which pick no backend).
    /// </summary>
    private static List<(string Route, string Code, double Count)> RouteTotals(ProxyMetrics metrics)
    {
        var counter = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter("portico_requests_total",
            "Requests handled by the data plane, by route and result code.", new CounterConfiguration { LabelNames = ["route", "code"] });
        var result = new List<(string, string, double)>();
        foreach (var labels in counter.GetAllLabelValues())
        {
            result.Add((labels[0], labels[1], counter.WithLabels(labels).Value));
        }

        return result;
    }
}
