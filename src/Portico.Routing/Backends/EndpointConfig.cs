namespace Portico.Routing.Backends;

/// <summary>An endpoint: an IP address (or, for ExternalName Services, a DNS name) and port.</summary>
public sealed record EndpointConfig
{
    public string Address { get; set; } = string.Empty;

    public int Port { get; init; }

    public bool Ready { get; set; } = true;
}
