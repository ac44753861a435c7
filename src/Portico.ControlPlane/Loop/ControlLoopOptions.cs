namespace Portico.ControlPlane.Loop;

/// <summary>
/// How the control loop coalesces bursts of changes. An update that comes after <see cref="MaxDelay"/> without any
/// is applied at once (a lone edit is not delayed); updates that follow it within <see cref="MaxDelay"/> are a
/// burst: applied after <see cref="HoldOff"/> of quiet, or <see cref="MaxDelay"/> after the first of them.
/// </summary>
public sealed record ControlLoopOptions
{
    /// <summary>Quiet time after a change within a burst before applying. Default 100 ms; range 0 – 10 s.</summary>
    public TimeSpan HoldOff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Longest a change may wait while more keep coming, and how long without updates ends a burst. Default 500 ms;
    /// range ≥ <see cref="HoldOff"/>, ≤ 30 s.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public void Validate()
    {
        if (HoldOff < TimeSpan.Zero || HoldOff > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(HoldOff), HoldOff, "hold-off must be between 0 and 10 s");
        }

        if (MaxDelay < HoldOff || MaxDelay > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "max delay must be between the hold-off and 30 s");
        }
    }
}
