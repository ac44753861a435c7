using System.Net;
using System.Text.Json.Nodes;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Lifecycle.Support;

/// <summary>The gateway's admin API, read as JSON.</summary>
internal sealed class AdminClient(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };

    public HttpClient Http => _http;

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException($"{path}: null");
    }

    public Task<JsonNode> StatusAsync() => GetJsonAsync("/api/v1/status");

    public Task<JsonNode> ProblemsAsync() => GetJsonAsync("/api/v1/problems");

    public Task<JsonNode> ConfigAsync() => GetJsonAsync("/api/v1/config");

    /// <summary>Polls <c>/api/v1/status</c> until <paramref name="accept"/> holds; returns that document.</summary>
    public Task<JsonNode> WaitForStatusAsync(Func<JsonNode, bool> accept, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(StatusAsync, accept, timeout ?? TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));

    public void Dispose() => _http.Dispose();
}

/// <summary>Reading Gateway API status documents (<c>{"items":[...]}</c>).</summary>
internal static class StatusJson
{
    public static JsonObject? Item(JsonNode status, string kind, string name, string? ns = "default") =>
        status["items"]!.AsArray().OfType<JsonObject>().FirstOrDefault(i =>
            (string?)i["kind"] == kind && (string?)i["metadata"]!["name"] == name && (string?)i["metadata"]!["namespace"] == ns);

    public static long? Generation(JsonNode status, string kind, string name) =>
        Item(status, kind, name) is { } item ? (long)item["metadata"]!["generation"]! : null;

    /// <summary>True when the object exists with <paramref name="generation"/> and every condition observed it.</summary>
    public static bool Observed(JsonNode status, string kind, string name, long generation)
    {
        if (Item(status, kind, name) is not { } item || (long)item["metadata"]!["generation"]! != generation)
        {
            return false;
        }

        var conditions = item["status"]!.AsObject().DescendantsNamed("conditions").SelectMany(c => c!.AsArray()).ToList();
        return conditions.Count > 0 && conditions.All(c => (long)c!["observedGeneration"]! == generation);
    }

    public static JsonObject? Listener(JsonNode status, string gateway, string listener) =>
        Item(status, "Gateway", gateway)?["status"]!["listeners"]!.AsArray().OfType<JsonObject>().FirstOrDefault(l => (string?)l["name"] == listener);

    public static JsonObject Condition(JsonNode owner, string type) =>
        owner["conditions"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["type"] == type);

    /// <summary><c>status/reason</c> of a condition, e.g. <c>False/PortUnavailable</c>.</summary>
    public static string StatusReason(JsonNode owner, string type) =>
        Condition(owner, type) is var c ? $"{(string?)c["status"]}/{(string?)c["reason"]}" : "";

    private static IEnumerable<JsonNode?> DescendantsNamed(this JsonNode node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == name)
                    {
                        yield return value;
                    }
                    else if (value is not null)
                    {
                        foreach (var d in value.DescendantsNamed(name))
                        {
                            yield return d;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var value in a)
                {
                    if (value is not null)
                    {
                        foreach (var d in value.DescendantsNamed(name))
                        {
                            yield return d;
                        }
                    }
                }

                break;
        }
    }
}
