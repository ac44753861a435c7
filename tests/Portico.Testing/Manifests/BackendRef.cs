namespace Portico.Testing;

/// <summary>A rule's backend: a Service name and Service port, optionally weighted.</summary>
public sealed record BackendRef(string Name, int Port)
{
    /// <summary>Null leaves the field out (API default 1).</summary>
    public int? Weight { get; init; }

    public string? Namespace { get; init; }

    /// <summary>Null means Service; set with <see cref="Group"/> to reference other kinds.</summary>
    public string? Kind { get; init; }

    public string? Group { get; init; }

    /// <summary>Raw YAML list of backend-level filters.</summary>
    public string? FiltersYaml { get; init; }

    public static BackendRef Weighted(string name, int port, int weight) => new(name, port) { Weight = weight };
}
