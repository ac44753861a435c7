namespace Portico.Model.Status;

/// <summary>One object's status: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> and a Gateway API <c>status</c> block.</summary>
public sealed class StatusItem
{
    public string ApiVersion { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public StatusItemMetadata Metadata { get; init; } = new();

    /// <summary>A <c>GatewayClassStatus</c>, <c>GatewayStatus</c> or <c>RouteStatus</c>.</summary>
    public object Status { get; init; } = new();
}
