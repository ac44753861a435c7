using Portico.Proxy.Admission;
using Portico.Proxy.Metrics;

namespace Portico.Proxy.Tests.Admission;

/// <summary>The queue's bookkeeping, without sockets: slots, FIFO hand-off, leaving on deadline or cancel.</summary>
public sealed class ForwardQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    private static (ForwardQueue Queue, QueueMetrics Metrics) Create(int limit)
    {
        var metrics = new ProxyMetrics().Queue;
        return (new ForwardQueue(limit, Long, metrics), metrics);
    }

    [Fact]
    public async Task CallsWithinTheLimitGoAtOnceAndTheNextWaits()
    {
        var (queue, metrics) = Create(2);

        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        var third = queue.EnterAsync(default, default);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, queue.InFlight);
        Assert.Equal(1, queue.Waiting);
        Assert.Equal(1, metrics.Depth);
    }

    [Fact]
    public async Task AFreedSlotPassesToTheWaitersInArrivalOrder()
    {
        var (queue, metrics) = Create(1);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        var waiters = Enumerable.Range(0, 3).Select(_ => queue.EnterAsync(default, default).AsTask()).ToArray();

        queue.Exit();
        Assert.Equal(QueueResult.Admitted, await waiters[0]);
        Assert.False(waiters[1].IsCompleted);

        queue.Exit();
        Assert.Equal(QueueResult.Admitted, await waiters[1]);
        Assert.False(waiters[2].IsCompleted);

        queue.Exit();
        Assert.Equal(QueueResult.Admitted, await waiters[2]);
        Assert.Equal(1, queue.InFlight); // the slot moved from call to call
        queue.Exit();
        Assert.Equal(0, queue.InFlight);
        Assert.Equal(0, metrics.Depth);
    }

    [Fact]
    public async Task ACallAdmittedByAnExitContinuesOnTheExitingThread()
    {
        // The call that frees a slot runs the admitted call's continuation itself: no thread-pool hop per admission.
        var (queue, _) = Create(1);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        var continuedOn = -1;
        var waiting = WaitThenRecord();

        Assert.Equal(-1, Volatile.Read(ref continuedOn));
        ExitWithoutContext(queue);

        Assert.Equal(Environment.CurrentManagedThreadId, Volatile.Read(ref continuedOn)); // already ran, here
        await waiting;
        queue.Exit();
        Assert.Equal(0, queue.InFlight);

        async Task WaitThenRecord()
        {
            var result = await queue.EnterAsync(default, default).ConfigureAwait(false);
            Assert.Equal(QueueResult.Admitted, result);
            Volatile.Write(ref continuedOn, Environment.CurrentManagedThreadId);
        }
    }

    [Fact]
    public async Task CallsThatExitAtOnceNeverNestDeeperThanTheInlineLimit()
    {
        // Each admitted call gives its slot back before its first await (as a call whose upstream fails at once does):
        // the next admission would nest inside it. Past the limit the next one goes through the thread pool.
        var (queue, _) = Create(1);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        using var nesting = new ThreadLocal<int>();
        var deepest = 0;
        var calls = Enumerable.Range(0, 200).Select(_ => ExitAtOnce()).ToArray();

        ExitWithoutContext(queue);
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));

        // The first of a chain runs at depth 1 wherever it was admitted; at most MaxInlineDepth more nest inside it.
        Assert.InRange(Volatile.Read(ref deepest), ForwardQueue.MaxInlineDepth, ForwardQueue.MaxInlineDepth + 1);
        Assert.Equal(0, queue.InFlight);
        Assert.Equal(0, queue.Waiting);

        async Task ExitAtOnce()
        {
            Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default).ConfigureAwait(false));
            var depth = ++nesting.Value;
            int seen;
            while ((seen = Volatile.Read(ref deepest)) < depth && Interlocked.CompareExchange(ref deepest, depth, seen) != seen)
            {
            }

            queue.Exit();
            nesting.Value--;
        }
    }

    /// <summary>
    /// Exit as the proxy calls it: on a thread with no synchronization context (xunit's own would make the runtime
    /// post every continuation instead of running it inline).
    /// </summary>
    private static void ExitWithoutContext(ForwardQueue queue)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            queue.Exit();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    [Fact]
    public async Task AWaiterWhoseDeadlineExpiresLeavesAndIsSkipped()
    {
        var (queue, _) = Create(1);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        using var deadline = new CancellationTokenSource();
        var expiring = queue.EnterAsync(deadline.Token, default).AsTask();
        var next = queue.EnterAsync(default, default).AsTask();

        await deadline.CancelAsync();

        Assert.Equal(QueueResult.Deadline, await expiring);
        Assert.Equal(1, queue.Waiting);
        queue.Exit();
        Assert.Equal(QueueResult.Admitted, await next); // the slot skipped the call that left
        Assert.Equal(1, queue.InFlight);
    }

    [Fact]
    public async Task AWaiterWhoseClientLeavesIsCanceledAndNeverTakesASlot()
    {
        var (queue, _) = Create(1);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));
        using var aborted = new CancellationTokenSource();
        var leaving = queue.EnterAsync(default, aborted.Token).AsTask();

        await aborted.CancelAsync();

        Assert.Equal(QueueResult.Canceled, await leaving);
        Assert.Equal(0, queue.Waiting);
        queue.Exit();
        Assert.Equal(0, queue.InFlight);
    }

    [Fact]
    public async Task AnAlreadyCancelledCallDoesNotWait()
    {
        var (queue, _) = Create(1);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));

        Assert.Equal(QueueResult.Canceled, await queue.EnterAsync(default, new CancellationToken(canceled: true)));
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task AWaiterPastTheLongestWaitGoesWithoutASlot()
    {
        var queue = new ForwardQueue(1, TimeSpan.FromMilliseconds(1), new ProxyMetrics().Queue);
        Assert.Equal(QueueResult.Admitted, await queue.EnterAsync(default, default));

        var overflow = await queue.EnterAsync(default, default).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(QueueResult.Overflow, overflow);
        Assert.Equal(1, queue.InFlight); // still only the first call's slot
        Assert.Equal(0, queue.Waiting);
    }
}
