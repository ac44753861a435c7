namespace Portico.Model.GatewayApi;

/// <summary>GEP-1742 durations such as <c>10s</c> or <c>1h30m</c>.</summary>
public sealed class HttpRouteTimeouts
{
    public string? Request { get; init; }

    public string? BackendRequest { get; init; }
}
