using System.Text.Json;

namespace Portico.Model.GatewayApi;

public sealed class GatewaySpec
{
    public string GatewayClassName { get; set; } = string.Empty;

    public IReadOnlyList<Listener> Listeners { get; set; } = [];

    public IReadOnlyList<GatewaySpecAddress> Addresses { get; set; } = [];

    public GatewayInfrastructure? Infrastructure { get; init; }

    /// <summary>Which ListenerSets may attach (default None). Kept for round trips; ListenerSets are not served yet.</summary>
    public JsonElement? AllowedListeners { get; init; }

    /// <summary>Gateway-level TLS (backend client certificate, frontend validation). Kept for round trips.</summary>
    public JsonElement? Tls { get; init; }

    /// <summary>Experimental: default-gateway scope.</summary>
    public string? DefaultScope { get; init; }
}
