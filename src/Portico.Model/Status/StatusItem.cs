namespace Portico.Model.Status;

/// <summary>One object's status: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> and a Gateway API <c>status</c> block.</summary>
public sealed class StatusItem
{
    public string ApiVersion { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    // Shared defaults (never modified: every property is init-only), so building an item allocates no throwaway ones.
    private static readonly StatusItemMetadata NoMetadata = new();
    private static readonly object NoStatus = new();

    public StatusItemMetadata Metadata { get; init; } = NoMetadata;

    /// <summary>A <c>GatewayClassStatus</c>, <c>GatewayStatus</c> or <c>RouteStatus</c>.</summary>
    public object Status { get; init; } = NoStatus;
}
