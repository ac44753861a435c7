namespace Portico.Model.Core;

public sealed class EndpointPort
{
    /// <summary>Equals the Service port's name (empty for a single unnamed port).</summary>
    public string? Name { get; init; }

    public int? Port { get; init; }

    public string? Protocol { get; set; } = "TCP";

    public string? AppProtocol { get; init; }
}
