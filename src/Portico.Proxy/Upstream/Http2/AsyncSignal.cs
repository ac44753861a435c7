using System.Threading.Tasks.Sources;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// An auto-reset event for one waiter at a time, without allocation per wait: <see cref="Set"/> wakes the waiter,
/// or is remembered until the next <see cref="WaitAsync"/>. The waiter's continuation runs on the thread pool, or,
/// when the setter asks for it (<c>inline</c>), on the setter's thread before <see cref="Set"/> returns.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private const int Idle = 0;
    private const int Signaled = 1;
    private const int Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;

    /// <summary>Completes when the signal is set (at once if it was set since the last wait). One waiter at a time.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled)
        {
            return default;
        }

        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Signaled)
        {
            Volatile.Write(ref _state, Idle); // set between the two steps: consume it
            return default;
        }

        return new ValueTask(this, _core.Version);
    }

    /// <param name="inline">
    /// Run a waiting continuation on this thread: only for a setter that holds no lock and may be held up by the
    /// waiter's work until its next await (the connection's reader loop, between reads).
    /// </param>
    public void Set(bool inline = false)
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Signaled:
                    return;
                case Idle:
                    if (Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle)
                    {
                        return;
                    }

                    break;
                default:
                    if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
                    {
                        _core.RunContinuationsAsynchronously = !inline;
                        _core.SetResult(true);
                        return;
                    }

                    break;
            }
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
