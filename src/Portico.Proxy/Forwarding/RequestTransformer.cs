using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;
using Portico.Proxy.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// Per-call request and response edits on top of YARP's defaults (which copy headers and drop hop-by-hop ones per
/// RFC 9110): the original <c>Host</c>/<c>:authority</c> is kept, <c>TE: trailers</c> is always sent to gRPC
/// backends (YARP forwards it only when the client sent it), <c>x-forwarded-for</c>/<c>-proto</c> are appended,
/// <c>grpc-timeout</c> carries the remaining budget, header filters and URL rewrites apply, and for gRPC streams
/// the response headers are flushed at once instead of waiting for the first message (yarp#2520). Telemetry: a
/// generated <c>x-request-id</c> is added upstream (a client's passes through as any header) and set on the
/// response; with a span, <c>traceparent</c> upstream names the gateway's span (else the client's passes through).
/// </summary>
internal sealed class RequestTransformer(CompiledAction action, CompiledDestination destination, bool grpc, DateTime? deadline, CallTelemetry call,
    DeferredFlush? upstreamFlush = null, DeferredFlush? downstreamFlush = null, Backends.EndpointState? endpoint = null) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        if (upstreamFlush is not null)
        {
            proxyRequest.Options.Set(UpstreamFlushHandler.Key, upstreamFlush);
        }

        if (downstreamFlush is not null)
        {
            proxyRequest.Options.Set(UpstreamFlushHandler.ResponseKey, downstreamFlush);
        }

        EditRequest(httpContext, proxyRequest, destinationPrefix, action, destination, grpc, deadline, call, endpoint);
    }

    /// <summary>
    /// Everything the gateway adds to or changes in an upstream request whose headers have been copied (by YARP's
    /// default transform, or by <see cref="GrpcForwarder"/>): shared by both HttpClient paths so they send the same.
    /// </summary>
    internal static void EditRequest(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CompiledAction action,
        CompiledDestination destination, bool grpc, DateTime? deadline, CallTelemetry call, Backends.EndpointState? endpoint) =>
        EditRequest(httpContext, new HttpRequestMessageTarget(proxyRequest, destinationPrefix, grpc, endpoint), action, destination, grpc, deadline, call);

    /// <summary>
    /// Everything the gateway adds to or changes in an upstream request whose headers have been copied, on any
    /// path's request (<see cref="IUpstreamRequest"/>): every path sends the same headers.
    /// </summary>
    internal static void EditRequest<T>(HttpContext httpContext, T target, CompiledAction action, CompiledDestination destination, bool grpc,
        DateTime? deadline, CallTelemetry call)
        where T : struct, IUpstreamRequest
    {
        var request = httpContext.Request;
        RemoveConnectionOptions(request, target);
        var rewrite = destination.Rewrite ?? action.Rewrite;
        target.SetAuthority(rewrite?.Hostname ?? (request.Host.HasValue ? request.Host.Value : null));
        if (rewrite?.Path is { } pathRewrite)
        {
            target.SetPath(PathRewriter.Rewrite(request.Path.Value ?? "/", pathRewrite), request.QueryString.Value);
        }
        else
        {
            target.KeepPath(request.Path, request.QueryString);
        }

        if (grpc)
        {
            // Untyped: the typed TE collection parses and allocates a header value object per call.
            target.RemoveHeader("te");
            target.AddHeader("te", "trailers");
            if (deadline is { } d)
            {
                target.RemoveHeader("grpc-timeout");
                target.AddHeader("grpc-timeout", GrpcTimeout.Format(d - DateTime.UtcNow));
            }
        }

        var remote = httpContext.Connection.RemoteIpAddress;
        if (remote is not null)
        {
            var existing = target.GetHeader("x-forwarded-for");
            target.RemoveHeader("x-forwarded-for");
            var ip = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4().ToString() : remote.ToString();
            target.AddHeader("x-forwarded-for", existing is null ? ip : existing + ", " + ip);
        }

        target.RemoveHeader("x-forwarded-proto");
        target.AddHeader("x-forwarded-proto", request.IsHttps ? "https" : "http");

        // Telemetry before the filters, so a filter may still override these headers.
        if (call.RequestIdGenerated)
        {
            target.AddHeader(RequestIds.Header, call.RequestId!);
        }

        if (call.Activity is { } span)
        {
            target.RemoveHeader("traceparent");
            target.RemoveHeader("tracestate");
            target.AddHeader("traceparent", ProxyTracing.TraceParent(span));
            if (!string.IsNullOrEmpty(span.TraceStateString))
            {
                target.AddHeader("tracestate", span.TraceStateString);
            }
        }

        // Rule filters first, then the chosen backend's own.
        action.RequestHeaders?.Apply(target);
        destination.RequestHeaders?.Apply(target);
    }

    /// <summary>
    /// Not trailers-only: the client must see the headers before the first message even when that message is late
    /// (yarp#2520). A zero-byte read of the upstream body tells whether the first message (or the end) is already
    /// here: then YARP copies it at once and the headers leave with it, so a flush of their own would only cost an
    /// extra write (every unary call). Otherwise the headers are flushed now, before waiting for it.
    /// </summary>
    private static async ValueTask FlushHeadersUnlessBodyReadyAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken)
    {
        // HttpContent hands out the same stream on every call, so YARP's copy reads the same one afterwards.
        var body = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var ready = body.ReadAsync(Memory<byte>.Empty, cancellationToken);
        if (!ready.IsCompleted)
        {
            await httpContext.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await ready.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // The upstream body failed; YARP's own read of it fails the same way and reports the error.
        }
    }

    /// <summary>
    /// RFC 9110 §7.6.1: a header named in <c>Connection</c> is hop-by-hop too and must not be forwarded. YARP drops
    /// only its fixed list (Connection, Keep-Alive, Upgrade, ...), so the named ones are removed here.
    /// </summary>
    private static void RemoveConnectionOptions<T>(HttpRequest request, T target)
        where T : struct, IUpstreamRequest
    {
        foreach (var value in request.Headers.Connection)
        {
            foreach (var option in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (IsToken(option))
                {
                    target.RemoveHeader(option);
                }
            }
        }
    }

    private static bool IsToken(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (proxyResponse is null)
        {
            return proceed;
        }

        EditResponse(httpContext, action, destination, call);
        if (grpc && proceed && !proxyResponse.Headers.Contains("grpc-status"))
        {
            if (downstreamFlush is not null)
            {
                // Owed, not sent: paid before the proxy first waits on the backend (or sent with the first message).
                downstreamFlush.Defer();
            }
            else
            {
                await FlushHeadersUnlessBodyReadyAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
            }
        }

        return proceed;
    }

    /// <summary>The gateway's edits of the response headers copied from upstream (both forwarding paths).</summary>
    internal static void EditResponse(HttpContext httpContext, CompiledAction action, CompiledDestination destination, CallTelemetry call)
    {
        var headers = httpContext.Response.Headers;
        if (call.RequestId is { } id)
        {
            headers[RequestIds.Header] = id; // the upstream's copy (if any) would otherwise duplicate it
        }

        action.ResponseHeaders?.Apply(headers);
        destination.ResponseHeaders?.Apply(headers);
    }
}
