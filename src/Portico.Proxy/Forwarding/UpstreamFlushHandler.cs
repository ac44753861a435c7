namespace Portico.Proxy.Forwarding;

/// <summary>
/// Sits between YARP and <see cref="SocketsHttpHandler"/>: an HTTP/2 request that carries a <see cref="DeferredFlush"/>
/// (gRPC calls, set by <see cref="RequestTransformer"/>) gets its content wrapped so that YARP's per-write flushes
/// are deferred until the proxy would wait on the client. YARP refuses content replaced by a transform, so this
/// is the place to do it.
/// </summary>
internal sealed class UpstreamFlushHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly HttpRequestOptionsKey<DeferredFlush> Key = new("portico.deferred-flush");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && request.Version.Major == 2 && request.Options.TryGetValue(Key, out var flush))
        {
            request.Content = new FlushDeferringContent(content, flush);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
