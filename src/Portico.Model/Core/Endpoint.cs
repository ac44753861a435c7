using System.Text.Json;

namespace Portico.Model.Core;

public sealed class Endpoint
{
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public EndpointConditions Conditions { get; init; } = new();

    public string? Hostname { get; init; }

    public string? NodeName { get; init; }

    public string? Zone { get; init; }

    public JsonElement? TargetRef { get; init; }

    public JsonElement? Hints { get; init; }

    public IReadOnlyDictionary<string, string> DeprecatedTopology { get; init; } = new Dictionary<string, string>();
}
