using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Model.Serialization;
using Portico.Model.Status;
using Portico.Routing.Table;

namespace Portico.Translation.Output;

/// <summary>
/// The document <c>portico translate</c> prints and golden files hold: <c>{status: {items: [...]}, ir: {...}}</c>.
/// </summary>
public static class TranslationDocument
{
    public static JsonObject ToJson(TranslationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["status"] = StatusToJson(result.Status),
            ["ir"] = JsonSerializer.SerializeToNode(result.Table, TranslationJson.Indented.GetTypeInfo(typeof(RouteTable))),
        };
    }

    /// <summary>The status document alone (what <c>portico check -o json</c> prints and the admin API serves).</summary>
    public static JsonNode StatusToJson(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var items = new JsonArray();
        foreach (var item in report.Items)
        {
            var metadata = new JsonObject { ["name"] = item.Metadata.Name };
            if (!string.IsNullOrEmpty(item.Metadata.Namespace))
            {
                metadata["namespace"] = item.Metadata.Namespace;
            }

            metadata["generation"] = item.Metadata.Generation;
            // As a JsonNode: Add<JsonObject> would take the generic, reflection-based overload.
            items.Add((JsonNode)new JsonObject
            {
                ["apiVersion"] = item.ApiVersion,
                ["kind"] = item.Kind,
                ["metadata"] = metadata,

                // Serialize by runtime type: Status is a GatewayClassStatus, GatewayStatus or RouteStatus.
                ["status"] = JsonSerializer.SerializeToNode(item.Status, ModelJson.Indented.GetTypeInfo(item.Status.GetType())),
            });
        }

        return new JsonObject { ["items"] = items };
    }
}
