using System.Diagnostics;
using Portico.Proxy.Metrics;

namespace Portico.Proxy.Admission;

/// <summary>
/// Bounds the short calls one endpoint has in flight through the proxy; the rest wait in FIFO order, before they
/// rent anything (HttpClient's response block, YARP's copy buffer), as HAProxy's server <c>maxconn</c> and queue do.
/// <para>
/// Never a deadlock: only calls the handler deems short are counted (gRPC methods not known to stream), and a call
/// that has waited <see cref="MaxWait"/> goes anyway without a slot, so slots held by long-lived calls (a stream
/// that looked unary so far) cost the queue latency, never progress. A waiting call leaves when its deadline
/// expires (<see cref="QueueResult.Deadline"/>) or its client goes away (<see cref="QueueResult.Canceled"/>).
/// </para>
/// <para>
/// Cost: one lock per call on entry and on exit when nobody waits; a waiting call allocates its waiter
/// (a <see cref="TaskCompletionSource{TResult}"/> and two token registrations). One timer per queue runs only while
/// calls wait, to let overdue ones go.
/// </para>
/// <para>
/// A call admitted by <see cref="Exit"/> continues on the exiting call's thread (which is usually the upstream
/// connection's reader, finishing the response that freed the slot), not through a thread-pool hop: under a full
/// queue every call is admitted that way, and the hop was a dispatch and a context switch per call. Nesting is
/// bounded (<see cref="MaxInlineDepth"/>): a call that fails at once and exits admits the next one on the thread
/// pool, so a burst of failures never deepens the stack. Timeouts, cancellations and overdue waiters always
/// continue on the thread pool, never on a timer's or a token's callback thread.
/// </para>
/// </summary>
internal sealed class ForwardQueue : IDisposable
{
    /// <summary>How many admissions may run nested on one thread before the next goes through the thread pool.</summary>
    internal const int MaxInlineDepth = 4;

    [ThreadStatic]
    private static int t_inlineDepth;

    private readonly Lock _lock = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly QueueMetrics _metrics;
    private readonly long _maxWaitTicks;
    private readonly TimeSpan _sweepPeriod;
    private readonly Timer _timer;
    private int _inFlight;
    private int _waiting;
    private bool _timerRunning;

    public ForwardQueue(int limit, TimeSpan maxWait, QueueMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        MaxWait = maxWait;
        _metrics = metrics;
        _maxWaitTicks = (long)(maxWait.TotalSeconds * Stopwatch.Frequency);
        _sweepPeriod = TimeSpan.FromTicks(Math.Clamp(maxWait.Ticks / 4, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 250));
        _timer = new Timer(static s => ((ForwardQueue)s!).Sweep(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Counted calls in flight at most (per endpoint).</summary>
    public int Limit { get; }

    /// <summary>Longest wait in the queue; past it a call goes without a slot.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Counted calls in flight now.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Calls waiting now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting;
            }
        }
    }

    /// <summary>
    /// Takes a slot, at once when one is free and nobody waits, else after the calls ahead. Only an
    /// <see cref="QueueResult.Admitted"/> result holds a slot, to be given back with <see cref="Exit"/>.
    /// </summary>
    public ValueTask<QueueResult> EnterAsync(CancellationToken deadline, CancellationToken aborted)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_waiting == 0 && _inFlight < Limit)
            {
                _inFlight++;
                return new ValueTask<QueueResult>(QueueResult.Admitted);
            }

            waiter = new Waiter(this, Stopwatch.GetTimestamp());
            _waiters.Enqueue(waiter);
            _waiting++;
            _metrics.Enqueued(); // under the lock: an Exit on another thread cannot count it out before it is counted in
            if (!_timerRunning)
            {
                _timerRunning = true;
                _timer.Change(_sweepPeriod, _sweepPeriod);
            }
        }

        waiter.Register(deadline, aborted);
        if (waiter.Finished)
        {
            waiter.Unregister(); // admitted (or let go) before its registrations existed
        }

        return new ValueTask<QueueResult>(waiter.Task);
    }

    /// <summary>Gives a slot back: to the first live waiter if there is one (FIFO), else to the pool.</summary>
    public void Exit()
    {
        Waiter? next = null;
        lock (_lock)
        {
            while (_waiters.TryDequeue(out var w))
            {
                if (w.TryClaimLocked())
                {
                    next = w;
                    break;
                }
            }

            if (next is null)
            {
                _inFlight--;
            }
        }

        if (next is null)
        {
            return;
        }

        // The slot passes to it: _inFlight is unchanged.
        if (t_inlineDepth >= MaxInlineDepth)
        {
            next.Finish(QueueResult.Admitted, inline: false);
            return;
        }

        t_inlineDepth++;
        try
        {
            next.Finish(QueueResult.Admitted, inline: true);
        }
        finally
        {
            t_inlineDepth--;
        }
    }

    /// <summary>Lets waiters that waited <see cref="MaxWait"/> go without a slot; stops the timer when nobody waits.</summary>
    private void Sweep()
    {
        List<Waiter>? overdue = null;
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            while (_waiters.TryPeek(out var w))
            {
                if (w.Done)
                {
                    _waiters.Dequeue(); // left already (deadline, cancel)
                    continue;
                }

                if (now - w.EnqueuedAt < _maxWaitTicks)
                {
                    break; // FIFO: the rest came later
                }

                _waiters.Dequeue();
                w.TryClaimLocked();
                (overdue ??= []).Add(w);
            }

            if (_waiting == 0 && _timerRunning)
            {
                _timerRunning = false;
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }

        if (overdue is not null)
        {
            foreach (var w in overdue)
            {
                w.Finish(QueueResult.Overflow, inline: false);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>One waiting call. Its state changes under the queue's lock; its task completes outside it.</summary>
    private sealed class Waiter(ForwardQueue queue, long enqueuedAt)
    {
        // Continuations run where the task completes: Finish decides, per result, whether that is here or the pool.
        private readonly TaskCompletionSource<QueueResult> _done = new();
        private bool _finished;
        private CancellationTokenRegistration _deadline;
        private CancellationTokenRegistration _aborted;

        public long EnqueuedAt { get; } = enqueuedAt;

        /// <summary>Claimed: admitted, overdue, or left. Read and written under the queue's lock.</summary>
        public bool Done { get; private set; }

        public Task<QueueResult> Task => _done.Task;

        /// <summary>Finish ran (its task may still complete on the thread pool).</summary>
        public bool Finished => Volatile.Read(ref _finished);

        public void Register(CancellationToken deadline, CancellationToken aborted)
        {
            // Either may already be cancelled: the callback then runs here, outside the queue's lock.
            _deadline = deadline.UnsafeRegister(static s => ((Waiter)s!).Leave(QueueResult.Deadline), this);
            _aborted = aborted.UnsafeRegister(static s => ((Waiter)s!).Leave(QueueResult.Canceled), this);
        }

        public bool TryClaimLocked()
        {
            if (Done)
            {
                return false;
            }

            Done = true;
            queue._waiting--;
            return true;
        }

        /// <summary>
        /// Completes the wait: the waiting call continues on this thread when <paramref name="inline"/>, else on the
        /// thread pool. Outside the queue's lock.
        /// </summary>
        public void Finish(QueueResult result, bool inline)
        {
            Volatile.Write(ref _finished, true);
            queue._metrics.Dequeued(result);
            if (inline)
            {
                _done.TrySetResult(result);
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Waiter._done.TrySetResult(state.Result), (Waiter: this, Result: result), preferLocal: false);
            }

            Unregister();
        }

        /// <summary>Not disposed (that would wait for a callback running on this thread): unregistering is enough.</summary>
        public void Unregister()
        {
            _deadline.Unregister();
            _aborted.Unregister();
        }

        private void Leave(QueueResult result)
        {
            bool claimed;
            lock (queue._lock)
            {
                claimed = TryClaimLocked(); // it stays in the queue, skipped when reached
            }

            if (claimed)
            {
                Finish(result, inline: false); // never the call's work on a timer's or Kestrel's abort thread
            }
        }
    }
}
