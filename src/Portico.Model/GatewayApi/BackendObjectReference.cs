namespace Portico.Model.GatewayApi;

/// <summary>Reference to a backend (a Service by default). <c>port</c> is the Service port.</summary>
public class BackendObjectReference
{
    public string Group { get; set; } = GatewayApiGroup.Core;

    public string Kind { get; set; } = GatewayApiGroup.ServiceKind;

    public string Name { get; set; } = string.Empty;

    public string? Namespace { get; init; }

    public int? Port { get; init; }
}
