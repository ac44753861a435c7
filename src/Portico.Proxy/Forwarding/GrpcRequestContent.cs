using System.IO.Pipelines;
using System.Net;
using Portico.Proxy.Telemetry;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// The upstream request body of a directly forwarded gRPC call (<see cref="GrpcForwarder"/>): copies the server's
/// request pipe straight into HttpClient's HTTP/2 request stream, segment by segment, with no copy buffer of its
/// own. Messages and bytes are counted inline (<see cref="RequestBodyCounter.Observe"/>), and a mirror's copy kept
/// (<see cref="CaptureStream.Keep"/>).
/// <para>
/// Flushes: the upstream stream is flushed only when the next read from the client does not complete at once (the
/// request headers count as owed from the start), so a unary call whose body is already here leaves in one write
/// with the end of the stream, and a streaming client's messages are never held while the proxy waits for more.
/// </para>
/// </summary>
internal sealed class GrpcRequestContent(PipeReader reader, RequestBodyCounter counter, CaptureStream? capture, CallCancellation activity) : HttpContent
{
    private Task? _copy;

    /// <summary>True when the copy failed reading from the client (not writing upstream).</summary>
    public bool ClientFailed { get; private set; }

    /// <summary>
    /// Stops a copy still running (the response has ended, or the call failed) and waits for it, so that nothing
    /// touches the request's pipe after the handler returns. Never throws.
    /// </summary>
    public async ValueTask StopAsync()
    {
        if (_copy is not { IsCompleted: false } copy)
        {
            return;
        }

        GrpcForwarder.CancelPendingRead(reader);
        try
        {
            await copy.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException or ObjectDisposedException or InvalidOperationException)
        {
            // Already reported through the upstream call (or nobody is left to tell).
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _copy = CopyAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    private async Task CopyAsync(Stream upstream, CancellationToken cancellationToken)
    {
        var owed = true; // the request headers have not been flushed yet
        while (true)
        {
            var reading = reader.ReadAsync(cancellationToken);
            if (owed && !reading.IsCompleted)
            {
                owed = false;
                try
                {
                    await upstream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await AbandonAsync(reading).ConfigureAwait(false); // no read is left pending on the request's pipe
                    throw;
                }
            }

            ReadResult result;
            try
            {
                result = await reading.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ClientFailed = true;
                throw;
            }

            var buffer = result.Buffer;
            try
            {
                foreach (var segment in buffer)
                {
                    counter.Observe(segment.Span);
                    capture?.Keep(segment.Span);
                    await upstream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                    activity.Touch();
                    owed = true;
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return; // HttpClient ends the stream (END_STREAM) and flushes
            }
        }
    }

    private async ValueTask AbandonAsync(ValueTask<ReadResult> reading)
    {
        reader.CancelPendingRead();
        try
        {
            var result = await reading.ConfigureAwait(false);
            reader.AdvanceTo(result.Buffer.Start);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client's side failed as well; nothing is pending any more.
        }
    }
}
