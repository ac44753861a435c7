using System.Text.Json;

namespace Portico.Model.Core;

public sealed class Endpoint
{
    public IReadOnlyList<string> Addresses { get; set; } = [];

    public EndpointConditions Conditions { get; set; } = new();

    public string? Hostname { get; init; }

    public string? NodeName { get; init; }

    public string? Zone { get; init; }

    public JsonElement? TargetRef { get; init; }

    public JsonElement? Hints { get; init; }

    public IReadOnlyDictionary<string, string> DeprecatedTopology { get; set; } = new Dictionary<string, string>();
}
