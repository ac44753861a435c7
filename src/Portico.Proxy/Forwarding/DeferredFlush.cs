namespace Portico.Proxy.Forwarding;

/// <summary>
/// A flush owed to one direction of a gRPC call, paid only when the proxy would otherwise wait.
/// <para>
/// YARP treats every gRPC call as a stream and flushes the upstream request after its headers and after every body
/// write, so a unary call leaves as three separate HTTP/2 writes; the header flush for yarp#2520 does the same to
/// the client's response. Those flushes exist so that a message is not held while the proxy waits for the next one.
/// Deferring them until the proxy is about to wait (the next read from the other side does not complete at once)
/// keeps that guarantee exactly, with no knowledge of the method's type: a unary call whose request (or response)
/// is already complete goes out in one write, while a stream whose peer pauses is flushed before every pause.
/// </para>
/// </summary>
internal sealed class DeferredFlush
{
    private IFlushTarget? _target;

    /// <summary>True when something was written (or a flush asked for) since the last flush.</summary>
    public bool Pending { get; private set; }

    /// <summary>The stream whose flush is deferred; set once that stream exists.</summary>
    public void Attach(IFlushTarget target) => _target = target;

    public void Defer() => Pending = true;

    /// <summary>
    /// Returns <paramref name="read"/> as is when it has completed or nothing is owed; otherwise flushes first, then
    /// awaits it. The read is already issued, so the flush overlaps the wait.
    /// </summary>
    public ValueTask<int> BeforeWaiting(ValueTask<int> read, CancellationToken cancellationToken) =>
        read.IsCompleted || !Pending || _target is null ? read : FlushThenAwait(read, cancellationToken);

    private async ValueTask<int> FlushThenAwait(ValueTask<int> read, CancellationToken cancellationToken)
    {
        Pending = false;
        try
        {
            await _target!.FlushNowAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException or InvalidOperationException)
        {
            // The flushed side has failed or gone. Its next write fails and YARP reports the error against that
            // side; failing this read instead would blame the side being read.
        }

        return await read.ConfigureAwait(false);
    }
}
