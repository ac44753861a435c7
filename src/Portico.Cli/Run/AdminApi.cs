using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.Cli.Admin;
using Portico.Cli.Dashboard;
using Portico.Model.Serialization;
using Portico.Routing.Table;
using Portico.Translation.Output;

namespace Portico.Cli.Run;

/// <summary>
/// The admin API (loopback by default, unauthenticated):
/// <c>/healthz</c>, <c>/readyz</c> (200 once the first configuration is programmed), <c>/metrics</c> (Prometheus text),
/// <c>/api/v1/status</c> (every object's Gateway API status: the document <c>portico check -o json</c> prints),
/// <c>/api/v1/config</c> (the routing table as served, with the user's route and rule names),
/// <c>/api/v1/problems</c> (manifests that failed to read and kept their last good version, with file:line),
/// <c>/api/v1/objects</c> (the Gateway API objects in force, spec + metadata + live status: <c>portico get/describe</c>),
/// <c>/api/v1/stats</c> (request totals per route and per route × backend, for rates), and the dashboard at <c>/</c>.
/// </summary>
internal static class AdminApi
{
    public static void Map(WebApplication app, GatewayHost host)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => host.Stopping
            ? Results.Text("not ready: shutting down\n", statusCode: 503)
            : host.Store.Ready ? Results.Text("ready\n") : Results.Text("not ready: no configuration applied yet\n", statusCode: 503));
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await host.DataPlane.Metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        app.MapGet("/api/v1/status", () => Json(TranslationDocument.StatusToJson(host.Store.Current.Status)));
        app.MapGet("/api/v1/config", () => Json(JsonSerializer.SerializeToNode(host.DataPlane.Current, TranslationJson.Indented.GetTypeInfo(typeof(RouteTable)))));
        app.MapGet("/api/v1/problems", () =>
        {
            var s = host.Store.Current;
            return Json(new JsonObject
            {
                ["generation"] = s.Generation,
                ["appliedAt"] = s.AppliedAt?.ToString("O"),
                ["translationMilliseconds"] = Math.Round(s.TranslationTime.TotalMilliseconds, 3),
                ["problems"] = new JsonArray([.. s.Problems.Select(p => (JsonNode?)JsonValue.Create(p))]),
            });
        });
        app.MapGet("/api/v1/objects", () => Json(ObjectsDocument.Build(host.Store.Current)));
        app.MapGet("/api/v1/stats", () => Json(StatsDocument.Build(host.DataPlane.Metrics, DateTimeOffset.UtcNow)));
        DashboardEndpoints.Map(app);
    }

    private static IResult Json(JsonNode? node) => Results.Text(node?.ToJsonString(ModelJson.Indented) ?? "null", "application/json");
}
