namespace Portico.Model.Snapshot;

/// <summary>
/// A snapshot and the provider's own problems (files that failed to read and kept their last good objects, ...),
/// each already phrased for people (<c>file:line:col: error: field: message</c>).
/// </summary>
public sealed record ProviderUpdate(ResourceSnapshot Snapshot, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Whether some problem kept objects out (a file that failed to read); warnings (a skipped kind) do not. A
    /// provider that cannot tell counts every problem.
    /// </summary>
    public bool HasErrors { get; init; } = Problems.Count > 0;
}
