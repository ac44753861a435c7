namespace Portico.Proxy.Forwarding;

/// <summary>
/// The plumbing shared by Portico's wrappers of an <see cref="HttpContent"/>: the inner content's headers are copied
/// (unvalidated, as they are), the length is unknown (gRPC bodies are streamed), and disposing the wrapper disposes
/// the inner content. Subclasses decide how the body is written or read.
/// </summary>
internal abstract class WrappingContent : HttpContent
{
    protected WrappingContent(HttpContent inner)
    {
        Inner = inner;
        foreach (var header in inner.Headers.NonValidated)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The wrapped content.</summary>
    protected HttpContent Inner { get; }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
