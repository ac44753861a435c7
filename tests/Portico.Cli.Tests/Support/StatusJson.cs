using System.Text.Json.Nodes;

namespace Portico.Cli.Tests.Support;

/// <summary>Reads the status document (<c>{"items": [...]}</c>) the way a script would.</summary>
internal static class StatusJson
{
    public static JsonArray Items(string json) =>
        JsonNode.Parse(json)?["items"]?.AsArray() ?? throw new InvalidOperationException("no items array");

    public static JsonObject Item(JsonArray items, string kind, string name) =>
        items.Select(i => i!.AsObject()).Single(i => (string?)i["kind"] == kind && (string?)i["metadata"]!["name"] == name);

    /// <summary>The status of condition <paramref name="type"/> in a <c>conditions</c> array.</summary>
    public static string? Condition(JsonNode? conditions, string type) =>
        conditions?.AsArray().Select(c => c!.AsObject()).SingleOrDefault(c => (string?)c["type"] == type)?["status"]?.GetValue<string>();
}
