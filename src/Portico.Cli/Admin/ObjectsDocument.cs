using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.ControlPlane.Status;
using Portico.Model.Meta;
using Portico.Model.Serialization;
using Portico.Model.Snapshot;

namespace Portico.Cli.Admin;

/// <summary>
/// The admin API's <c>/api/v1/objects</c> document: <c>{"generation": N, "items": [...]}</c>, every Gateway API object
/// the gateway was last configured from (GatewayClasses, Gateways, GRPCRoutes, HTTPRoutes, ReferenceGrants) with its
/// spec, its metadata (incl. <c>creationTimestamp</c>) and the live status the gateway writes.
/// </summary>
internal static class ObjectsDocument
{
    public static JsonObject Build(StatusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var status = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var item in snapshot.Status.Items)
        {
            status[Key(item.Kind, item.Metadata.Namespace, item.Metadata.Name)] = item.Status;
        }

        var items = new JsonArray();
        foreach (var o in GatewayApiObjects(snapshot.Resources))
        {
            var node = JsonSerializer.SerializeToNode(o, ModelJson.Indented.GetTypeInfo(o.GetType()))!.AsObject();

            // A status stanza written in a manifest file is not the gateway's opinion; only the live status is shown.
            node.Remove("status");
            if (status.TryGetValue(Key(o.Kind, o.Metadata.Namespace, o.Name), out var live))
            {
                node["status"] = JsonSerializer.SerializeToNode(live, ModelJson.Indented.GetTypeInfo(live.GetType()));
            }

            items.Add((JsonNode)node); // the JsonNode overload: Add<JsonObject> is the reflection-based one
        }

        return new JsonObject
        {
            ["generation"] = snapshot.Generation,
            ["appliedAt"] = snapshot.AppliedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["items"] = items,
        };
    }

    // Services, EndpointSlices and above all Secrets are left out: the API is unauthenticated and these commands
    // describe Gateway API objects (the route table carries the resolved backends).
    private static IEnumerable<KubeObject> GatewayApiObjects(ResourceSnapshot s) =>
        s.GatewayClasses.Cast<KubeObject>().Concat(s.Gateways).Concat(s.GrpcRoutes).Concat(s.HttpRoutes).Concat(s.ReferenceGrants);

    private static string Key(string kind, string? ns, string name) => $"{kind}/{ns}/{name}";
}
