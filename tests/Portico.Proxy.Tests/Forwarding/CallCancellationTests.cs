using Portico.Proxy.Forwarding;

namespace Portico.Proxy.Tests.Forwarding;

/// <summary>
/// The direct path's per-call token: what cancels it, and that a pooled source carries nothing from one call to the
/// next (a late abort of an ended call must never cancel a later call that got its source).
/// </summary>
public sealed class CallCancellationTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Fact]
    public void ClientAbortCancelsTheCall()
    {
        using var aborted = new CancellationTokenSource();
        using var call = new CallCancellation(aborted.Token, CancellationToken.None, Hour);
        Assert.False(call.Token.IsCancellationRequested);

        aborted.Cancel();

        Assert.True(call.Token.IsCancellationRequested);
        Assert.False(call.IdleExpired);
    }

    [Fact]
    public void DeadlineCancelsTheCall()
    {
        using var deadline = new CancellationTokenSource();
        using var call = new CallCancellation(CancellationToken.None, deadline.Token, Hour);

        deadline.Cancel();

        Assert.True(call.Token.IsCancellationRequested);
        Assert.False(call.IdleExpired);
    }

    [Fact]
    public void AlreadyCancelledTokensCancelAtOnce()
    {
        using var call = new CallCancellation(new CancellationToken(canceled: true), CancellationToken.None, Hour);
        Assert.True(call.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task NoProgressForTheIdleTimeoutCancelsTheCallAsIdle()
    {
        using var aborted = new CancellationTokenSource();
        using var call = new CallCancellation(aborted.Token, CancellationToken.None, TimeSpan.FromMilliseconds(200));
        var cancelled = new TaskCompletionSource();
        await using var registration = call.Token.Register(() => cancelled.TrySetResult());

        await cancelled.Task.WaitAsync(Generous);

        Assert.True(call.IdleExpired);
        Assert.False(aborted.IsCancellationRequested);
    }

    [Fact]
    public void NoIdleTimerWhenTheTimeoutIsOff()
    {
        using var call = new CallCancellation(CancellationToken.None, CancellationToken.None, TimeSpan.Zero);
        call.Touch();
        Assert.False(call.Token.CanBeCanceled && call.Token.IsCancellationRequested);
        Assert.False(call.IdleExpired);
    }

    [Fact]
    public void EndedCallsLeaveNothingBehindInReusedSources()
    {
        // Many calls end cleanly (their sources go back to the pool), then their clients' and deadlines' tokens fire
        // late; calls started after them, on reused sources, must stay uncancelled.
        var ended = new List<(CancellationTokenSource Aborted, CancellationTokenSource Deadline)>();
        for (var i = 0; i < 64; i++)
        {
            var pair = (new CancellationTokenSource(), new CancellationTokenSource());
            using (var call = new CallCancellation(pair.Item1.Token, pair.Item2.Token, Hour))
            {
                call.Touch();
            }

            ended.Add(pair);
        }

        var live = Enumerable.Range(0, 64).Select(_ => new CallCancellation(CancellationToken.None, CancellationToken.None, Hour)).ToList();
        foreach (var (aborted, deadline) in ended)
        {
            aborted.Cancel();
            deadline.Cancel();
            aborted.Dispose();
            deadline.Dispose();
        }

        Assert.All(live, c => Assert.False(c.Token.IsCancellationRequested));
        live.ForEach(c => c.Dispose());
    }

    [Fact]
    public void ACancelledSourceIsNotReused()
    {
        // Cancel many calls; every call started afterwards must begin uncancelled.
        for (var i = 0; i < 64; i++)
        {
            using var aborted = new CancellationTokenSource();
            using var call = new CallCancellation(aborted.Token, CancellationToken.None, Hour);
            aborted.Cancel();
        }

        for (var i = 0; i < 64; i++)
        {
            using var call = new CallCancellation(CancellationToken.None, CancellationToken.None, Hour);
            Assert.False(call.Token.IsCancellationRequested);
            Assert.False(call.IdleExpired);
        }
    }
}
