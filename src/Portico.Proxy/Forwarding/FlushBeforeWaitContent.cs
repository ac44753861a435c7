using System.Net;

namespace Portico.Proxy.Forwarding;

/// <summary>Wraps the upstream response content so that YARP reads it through a <see cref="FlushBeforeWaitStream"/>.</summary>
internal sealed class FlushBeforeWaitContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly DeferredFlush _flush;

    public FlushBeforeWaitContent(HttpContent inner, DeferredFlush flush)
    {
        _inner = inner;
        _flush = flush;
        foreach (var header in inner.Headers.NonValidated)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new FlushBeforeWaitStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _flush);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
