using System.Globalization;
using System.Text.Json.Nodes;
using Portico.Routing.Actions;
using Portico.Routing.Backends;
using Portico.Routing.Table;

namespace Portico.Cli.Admin;

/// <summary>
/// <c>portico routes</c>: the compiled table flattened to one row per listener × virtual host × entry, in the
/// order requests try them, named with the user's routes, rules and Services, with live endpoint readiness.
/// </summary>
internal static class RouteRows
{
    public static IReadOnlyList<RouteRow> From(RouteTable table, string? gateway)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<RouteRow>();
        foreach (var listener in table.Listeners.Where(l => gateway is null || string.Equals(l.Gateway, gateway, StringComparison.Ordinal)))
        {
            foreach (var vhost in listener.VirtualHosts)
            {
                rows.AddRange(vhost.GrpcRoutes.Select(e => new RouteRow(listener, vhost.Hostname, MatchText.Grpc(e), e.Source, e.Action)));
                rows.AddRange(vhost.HttpRoutes.Select(e => new RouteRow(listener, vhost.Hostname, MatchText.Http(e), e.Source, e.Action)));
            }
        }

        return rows;
    }

    public static TextTable Table(IReadOnlyList<RouteRow> rows, RouteTable table)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(table);
        var backends = table.Backends.ToDictionary(static b => b.Id, StringComparer.Ordinal);
        var text = new TextTable("LISTENER", "ADDRESS", "PROTOCOL", "HOST", "MATCH", "ROUTE", "BACKENDS", "ENDPOINTS");
        foreach (var row in rows)
        {
            var targets = Targets(row.Action, backends);
            text.Add($"{row.Listener.Gateway}/{row.Listener.Name}", Address(row.Listener), Protocol(row.Listener), row.Host, row.Match, Route(row),
                string.Join('\n', targets.Select(static t => t.Text)), string.Join('\n', targets.Select(static t => t.Endpoints)));
        }

        return text;
    }

    public static JsonObject Json(IReadOnlyList<RouteRow> rows, RouteTable table)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(table);
        var backends = table.Backends.ToDictionary(static b => b.Id, StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var row in rows)
        {
            var destinations = new JsonArray();
            foreach (var d in row.Action.Destinations)
            {
                var entry = new JsonObject { ["weight"] = d.Weight };
                if (d.BackendId is { } id)
                {
                    entry["backend"] = BackendName.Display(id);
                    entry["backendId"] = id;
                    if (backends.TryGetValue(id, out var b))
                    {
                        entry["readyEndpoints"] = b.Endpoints.Count(static e => e.Ready);
                        entry["endpoints"] = b.Endpoints.Count;
                    }
                }
                else if (d.Failure is { } failure)
                {
                    entry["failure"] = failure.Message;
                }

                destinations.Add((JsonNode)entry); // the JsonNode overload: Add<JsonObject> is the reflection-based one
            }

            var item = new JsonObject
            {
                ["gateway"] = row.Listener.Gateway,
                ["listener"] = row.Listener.Name,
                ["addresses"] = new JsonArray([.. row.Listener.Addresses.Select(static a => (JsonNode?)a)]),
                ["port"] = row.Listener.Port,
                ["protocol"] = Protocol(row.Listener),
                ["host"] = row.Host,
                ["match"] = row.Match,
                ["route"] = new JsonObject
                {
                    ["kind"] = row.Source.Kind,
                    ["namespace"] = row.Source.Namespace,
                    ["name"] = row.Source.Name,
                    ["rule"] = row.Source.Rule,
                    ["ruleName"] = row.Source.RuleName,
                },
                ["backends"] = destinations,
            };
            if (Reply(row.Action) is { } reply)
            {
                item["reply"] = reply;
            }

            items.Add((JsonNode)item);
        }

        return new JsonObject { ["routes"] = items };
    }

    private static List<(string Text, string Endpoints)> Targets(RouteAction action, Dictionary<string, BackendConfig> backends)
    {
        if (Reply(action) is { } reply)
        {
            return [(reply, "-")];
        }

        var result = new List<(string, string)>();
        foreach (var d in action.Destinations)
        {
            var weight = d.Weight.ToString(CultureInfo.InvariantCulture);
            if (d.BackendId is { } id)
            {
                var endpoints = backends.TryGetValue(id, out var b)
                    ? string.Create(CultureInfo.InvariantCulture, $"{b.Endpoints.Count(static e => e.Ready)}/{b.Endpoints.Count}")
                    : "?";
                result.Add(($"{BackendName.Display(id)} weight={weight}", endpoints));
            }
            else
            {
                result.Add(($"invalid weight={weight} ({d.Failure?.Message})", "-"));
            }
        }

        return result.Count == 0 ? [("<none>", "-")] : result;
    }

    /// <summary>A reply the gateway makes itself instead of forwarding, or null.</summary>
    private static string? Reply(RouteAction action) => action switch
    {
        { DirectResponse: { } r } => string.Create(CultureInfo.InvariantCulture, $"reply grpc-status={r.GrpcStatus} http={r.HttpStatus} ({r.Message})"),
        { Redirect: { } r } => string.Create(CultureInfo.InvariantCulture,
            $"redirect {r.StatusCode} {r.Scheme ?? "(same scheme)"}://{r.Hostname ?? "(same host)"}{(r.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty)}{(r.Path is { } path ? " path " + path.Value : string.Empty)}"),
        _ => null,
    };

    private static string Route(RouteRow row)
    {
        var s = row.Source;
        var text = string.Create(CultureInfo.InvariantCulture, $"{s.Kind} {s.Namespace}/{s.Name} rule {s.Rule}");
        return s.RuleName is { Length: > 0 } name ? $"{text} [{name}]" : text;
    }

    private static string Address(ListenerConfig l) =>
        string.Join(",", l.Addresses.Select(a => a.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{a}]:{l.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{a}:{l.Port}")));

    private static string Protocol(ListenerConfig l) => l.Protocol.ToString().ToUpperInvariant();
}
