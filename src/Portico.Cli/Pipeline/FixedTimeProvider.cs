namespace Portico.Cli.Pipeline;

/// <summary>
/// A clock stopped at the Unix epoch. The reader stamps <c>creationTimestamp</c> on objects that have none, and
/// route precedence breaks ties by it; with a stopped clock every such object is equally old, ties fall through to
/// namespace/name, and <c>check</c>/<c>translate</c> print the same bytes on every run.
/// </summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    public static FixedTimeProvider Epoch { get; } = new();

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
}
