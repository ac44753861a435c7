namespace Portico.Proxy.Forwarding;

/// <summary>
/// Sits between YARP and <see cref="SocketsHttpHandler"/> and applies <see cref="DeferredFlush"/> to HTTP/2 gRPC
/// calls that carry one (set by <see cref="RequestTransformer"/>): the request content is wrapped so that YARP's
/// per-write flushes wait until the proxy would wait on the client, and the response content so that the flushes
/// owed to the client are paid before the proxy waits on the backend. YARP refuses content replaced by a
/// transform, so this is the place to do it.
/// </summary>
internal sealed class UpstreamFlushHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>The flush owed upstream (request direction).</summary>
    public static readonly HttpRequestOptionsKey<DeferredFlush> Key = new("portico.deferred-flush");

    /// <summary>The flush owed to the client (response direction).</summary>
    public static readonly HttpRequestOptionsKey<DeferredFlush> ResponseKey = new("portico.deferred-flush.response");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Version.Major != 2 || request.Content is GrpcRequestContent)
        {
            return base.SendAsync(request, cancellationToken); // the direct gRPC path flushes itself (and has no options to look up)
        }

        if (request.Content is { } content && request.Options.TryGetValue(Key, out var flush))
        {
            request.Content = new FlushDeferringContent(content, flush);
        }

        return request.Options.TryGetValue(ResponseKey, out var downstream)
            ? WrapResponseAsync(base.SendAsync(request, cancellationToken), downstream)
            : base.SendAsync(request, cancellationToken);
    }

    private static async Task<HttpResponseMessage> WrapResponseAsync(Task<HttpResponseMessage> sending, DeferredFlush downstream)
    {
        var response = await sending.ConfigureAwait(false);
        response.Content = new FlushBeforeWaitContent(response.Content, downstream);
        return response;
    }
}
