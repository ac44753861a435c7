namespace Portico.Translation.Tests.Golden;

/// <summary>
/// The harness's clock: every object read without <c>metadata.creationTimestamp</c> is stamped with
/// 2026-01-01T00:00:00Z, so golden outputs never depend on when the test ran.
/// </summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
