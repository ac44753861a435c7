namespace Portico.Model.GatewayApi;

public sealed class Listener
{
    public string Name { get; set; } = string.Empty;

    public string? Hostname { get; init; }

    public int Port { get; init; }

    public string Protocol { get; set; } = string.Empty;

    public GatewayTlsConfig? Tls { get; init; }

    /// <summary>CRD default: <c>{namespaces: {from: Same}}</c>.</summary>
    public AllowedRoutes AllowedRoutes { get; set; } = new();
}
