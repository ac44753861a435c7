namespace Portico.Routing.DataPlane;

/// <summary>
/// The outcome of applying a table: listeners (by <see cref="Table.ListenerConfig.Id"/>) whose socket could not be
/// bound, with the reason. Every other listener of the table is serving it.
/// </summary>
public sealed record DataPlaneApplyResult
{
    public static DataPlaneApplyResult Success { get; } = new();

    /// <summary>Listener id → why it is not serving (e.g. "127.0.0.1:443: address already in use").</summary>
    public IReadOnlyDictionary<string, string> FailedListeners { get; init; } = new Dictionary<string, string>();
}
