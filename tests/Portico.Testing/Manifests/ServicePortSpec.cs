namespace Portico.Testing;

/// <summary>A Service port; endpoint slices expose it under the same name.</summary>
/// <param name="Name">Port name; null for a single unnamed port.</param>
/// <param name="Port">The Service port that backendRefs name.</param>
public sealed record ServicePortSpec(string? Name, int Port)
{
    /// <summary>For example <see cref="AppProtocols.H2c"/>; null leaves it out.</summary>
    public string? AppProtocol { get; init; }
}
