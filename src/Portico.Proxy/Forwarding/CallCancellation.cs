using System.Collections.Concurrent;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// One token for a call on the direct path (<see cref="GrpcForwarder"/>): the client's abort, the gateway's deadline
/// and an idle timer (<see cref="ProxyOptions.IdleStreamTimeout"/>, what YARP's <c>ActivityTimeout</c> is on the
/// other path). Progress in either direction (<see cref="Touch"/>) pushes the idle timer back. To keep a clock read,
/// not a timer change, per message, the timer is re-armed at most every eighth of the timeout: a call is cut after
/// between 7/8 and all of the timeout without progress.
/// <para>
/// Per-call cost: the source is taken from a pool (a source that was never cancelled is reset and reused, and keeps
/// its timer), and the client's and the deadline's tokens reach it through one registration each, so a call
/// allocates neither a linked source nor a timer. <see cref="Dispose"/> must come after the last use of
/// <see cref="Token"/> and <see cref="Touch"/> (the forwarder stops both copies before it returns).
/// </para>
/// </summary>
internal sealed class CallCancellation : IDisposable
{
    private const int MaxPooled = 1024;
    private static readonly ConcurrentQueue<CancellationTokenSource> Pool = new();
    private static int s_pooled;

    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _aborted;
    private readonly CancellationToken _deadline;
    private readonly TimeSpan _idle;
    private readonly long _rearmMs; // 0: no idle timer
    private CancellationTokenRegistration _onAborted;
    private CancellationTokenRegistration _onDeadline;
    private long _armedAt;

    public CallCancellation(CancellationToken aborted, CancellationToken deadline, TimeSpan idle)
    {
        _aborted = aborted;
        _deadline = deadline;
        _source = Rent();
        _idle = idle;
        if (idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan)
        {
            _rearmMs = Math.Max(1, (long)idle.TotalMilliseconds / 8);
            _armedAt = Environment.TickCount64;
            _source.CancelAfter(idle);
        }

        // Either may be cancelled already: the callback then runs here and cancels the source at once.
        _onAborted = aborted.UnsafeRegister(static s => CancelQuietly((CancellationTokenSource)s!), _source);
        if (deadline.CanBeCanceled)
        {
            _onDeadline = deadline.UnsafeRegister(static s => CancelQuietly((CancellationTokenSource)s!), _source);
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>True when the idle timer ended the call: neither the client nor the deadline did.</summary>
    public bool IdleExpired => _source.IsCancellationRequested && !_aborted.IsCancellationRequested && !_deadline.IsCancellationRequested;

    /// <summary>Sources waiting in the pool now (for tests).</summary>
    internal static int Pooled => Volatile.Read(ref s_pooled);

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

    public void Dispose()
    {
        // Disposing a registration waits for its callback if it is running, so nothing cancels the source after this.
        _onAborted.Dispose();
        _onDeadline.Dispose();

        // A timer that may be firing now could still cancel a reset source: such a source is not reused.
        var timerNear = _rearmMs != 0 && Environment.TickCount64 - Volatile.Read(ref _armedAt) > (long)_idle.TotalMilliseconds - 1000;
        if (!timerNear && _source.TryReset())
        {
            if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
            {
                Pool.Enqueue(_source); // never cancelled: its timer is stopped and its registrations are gone
                return;
            }

            Interlocked.Decrement(ref s_pooled);
        }

        _source.Dispose();
    }

    private static CancellationTokenSource Rent()
    {
        if (Pool.TryDequeue(out var source))
        {
            Interlocked.Decrement(ref s_pooled);
            return source;
        }

        return new CancellationTokenSource();
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Not expected: the registration is disposed before the source is.
        }
    }
}
