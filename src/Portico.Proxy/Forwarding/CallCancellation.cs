namespace Portico.Proxy.Forwarding;

/// <summary>
/// One token for a call on the direct path (<see cref="GrpcForwarder"/>): the client's abort, the gateway's deadline
/// and an idle timer (<see cref="ProxyOptions.IdleStreamTimeout"/>, what YARP's <c>ActivityTimeout</c> is on the
/// other path). Progress in either direction (<see cref="Touch"/>) pushes the idle timer back. To keep a clock read,
/// not a timer change, per message, the timer is re-armed at most every eighth of the timeout: a call is cut after
/// between 7/8 and all of the timeout without progress.
/// </summary>
internal sealed class CallCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _aborted;
    private readonly CancellationToken _deadline;
    private readonly TimeSpan _idle;
    private readonly long _rearmMs; // 0: no idle timer
    private long _armedAt;

    public CallCancellation(CancellationToken aborted, CancellationToken deadline, TimeSpan idle)
    {
        _aborted = aborted;
        _deadline = deadline;
        _source = deadline.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline)
            : CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _idle = idle;
        if (idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan)
        {
            _rearmMs = Math.Max(1, (long)idle.TotalMilliseconds / 8);
            _armedAt = Environment.TickCount64;
            _source.CancelAfter(idle);
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>True when the idle timer ended the call: neither the client nor the deadline did.</summary>
    public bool IdleExpired => _source.IsCancellationRequested && !_aborted.IsCancellationRequested && !_deadline.IsCancellationRequested;

    /// <summary>Progress: request or response bytes moved.</summary>
    public void Touch()
    {
        if (_rearmMs == 0)
        {
            return;
        }

        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref _armedAt) < _rearmMs)
        {
            return;
        }

        Volatile.Write(ref _armedAt, now); // both copies may touch at once: either write is a fine re-arm time
        try
        {
            _source.CancelAfter(_idle);
        }
        catch (ObjectDisposedException)
        {
            // The call has ended.
        }
    }

    public void Dispose() => _source.Dispose();
}
