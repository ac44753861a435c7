using System.Net;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// Wraps YARP's request content for an HTTP/2 gRPC call so that its flushes of the upstream stream are deferred
/// (see <see cref="DeferredFlush"/>): the headers and each message are still sent, by the next flush the proxy
/// owes before waiting on the client, or by HttpClient itself when the body ends.
/// </summary>
internal sealed class FlushDeferringContent(HttpContent inner, DeferredFlush flush) : WrappingContent(inner)
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var upstream = new FlushDeferringStream(stream, flush);
        flush.Attach(upstream);
        try
        {
            await Inner.CopyToAsync(upstream, context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await upstream.DrainAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                // Secondary to the copy's own error, which is the one rethrown.
            }

            throw;
        }

        // HttpClient ends the stream when this returns: the last write must have reached it first.
        await upstream.DrainAsync().ConfigureAwait(false);
    }
}
