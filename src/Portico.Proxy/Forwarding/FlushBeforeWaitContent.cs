using System.Net;

namespace Portico.Proxy.Forwarding;

/// <summary>Wraps the upstream response content so that YARP reads it through a <see cref="FlushBeforeWaitStream"/>.</summary>
internal sealed class FlushBeforeWaitContent(HttpContent inner, DeferredFlush flush) : WrappingContent(inner)
{
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new FlushBeforeWaitStream(await Inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), flush);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Inner.CopyToAsync(stream, context);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        Inner.CopyToAsync(stream, context, cancellationToken);
}
