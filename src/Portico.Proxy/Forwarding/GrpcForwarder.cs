using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Primitives;
using Portico.Proxy.Compilation;
using Portico.Proxy.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// The direct forwarding path for gRPC calls that arrive over HTTP/2 and go to an h2c backend: one
/// <see cref="HttpRequestMessage"/> on the shared <see cref="HttpMessageInvoker"/>, without YARP's forwarder.
/// <code>
///  (1) request ── headers copied once (minus hop-by-hop and pseudo headers), then the gateway's edits
///                 (RequestTransformer.EditRequest: TE, grpc-timeout, x-forwarded-*, request id, filters, rewrites)
///  (2) body up ── the server's request pipe straight into the upstream stream (GrpcRequestContent), counted inline
///  (3) headers ── status and headers copied, the gateway's response edits; trailers-only (grpc-status in the
///                 headers) ends here, as one HEADERS frame
///  (4) body down ─ upstream stream into the server's response pipe (GetMemory/Advance), counted inline, flushed
///                 only before the proxy would wait on the backend (the headers count as owed: yarp#2520), or at 64 KiB
///  (5) trailers ── copied, response completed; a request body copy still running is stopped and awaited
/// </code>
/// Errors come back as a <see cref="ForwarderError"/> and the exception, with YARP's meanings, so the handler
/// reports them exactly as it does for the YARP path: nothing is written here on failure.
/// </summary>
internal sealed class GrpcForwarder(HttpMessageInvoker invoker)
{
    /// <summary>True when the call can take this path: gRPC, HTTP/2 client, h2c backend, pipes available.</summary>
    public static bool Accepts(HttpContext context, CompiledDestination destination, CallTelemetry call) =>
        destination.Backend!.IsH2c && call.RequestBody?.Reader is not null && call.ResponseBody is not null
        && HttpProtocol.IsHttp2(context.Request.Protocol);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // one per call: reuse the state machine's box
    public async ValueTask<(ForwarderError Error, Exception? Exception)> ForwardAsync(HttpContext context, CompiledAction action,
        CompiledDestination destination, Backends.EndpointState endpoint, DateTime? deadlineAt, CallTelemetry call, CaptureStream? capture,
        CallCancellation cancellation)
    {
        var cancellationToken = cancellation.Token;
        var request = context.Request;
        DisableRequestLimits(context);

        // :: (1)
        var content = new GrpcRequestContent(call.RequestBody!.Reader!, call.RequestBody, capture, cancellation);
        var uri = request.QueryString.HasValue
            ? RequestUtilities.MakeDestinationAddress(endpoint.DestinationPrefix, request.Path, request.QueryString)
            : endpoint.GrpcUri(request.Path);
        using var upstream = new HttpRequestMessage(HttpMethods.IsPost(request.Method) ? HttpMethod.Post : new HttpMethod(request.Method), uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        CopyRequestHeaders(request.Headers, upstream);
        RequestTransformer.EditRequest(context, upstream, endpoint.DestinationPrefix, action, destination, grpc: true, deadlineAt, call, endpoint: null); // the URI is set

        HttpResponseMessage? response = null;
        try
        {
            // :: (2) runs inside SendAsync (HttpClient calls the content), concurrently with the response
            try
            {
                response = await invoker.SendAsync(upstream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
            {
                return (cancellationToken.IsCancellationRequested ? ForwarderError.RequestCanceled
                    : content.ClientFailed ? ForwarderError.RequestBodyClient : ForwarderError.Request, e);
            }

            // :: (3)
            cancellation.Touch();
            var downstream = context.Response;
            downstream.StatusCode = (int)response.StatusCode;
            CopyResponseHeaders(response.Headers, downstream.Headers);
            CopyResponseHeaders(response.Content.Headers, downstream.Headers);
            RequestTransformer.EditResponse(context, action, destination, call);
            if (response.Headers.NonValidated.Contains("grpc-status"))
            {
                // Trailers-only: no body follows; the response completes as one HEADERS frame with END_STREAM.
                return (ForwarderError.None, null);
            }

            // :: (4)
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var error = await CopyResponseBodyAsync(context, body, call.ResponseBody!, cancellation).ConfigureAwait(false);
            if (error.Error != ForwarderError.None)
            {
                return error;
            }

            // :: (5)
            if (context.Features.Get<IHttpResponseTrailersFeature>() is { Trailers: { IsReadOnly: false } trailers })
            {
                CopyTrailers(response.TrailingHeaders, trailers);
            }

            return await GrpcForwarder.CompleteAsync(downstream).ConfigureAwait(false);
        }
        finally
        {
            response?.Dispose(); // resets the upstream stream if its body was not read to the end
            await content.StopAsync().ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(ForwarderError Error, Exception? Exception)> CopyResponseBodyAsync(HttpContext context, Stream body,
        ResponseBodyCounter counter, CallCancellation cancellation)
    {
        var cancellationToken = cancellation.Token;
        var writer = counter.Inner.Writer;
        var flushes = default(DownstreamFlushRule);
        try
        {
            while (true)
            {
                // A zero-byte read says whether data (or the end) is here without taking a buffer from the pipe
                // (which would start the response) and without holding one while the backend is quiet.
                var ready = body.ReadAsync(Memory<byte>.Empty, cancellationToken);
                if (!ready.IsCompleted && flushes.BeforeWait())
                {
                    if ((await writer.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted)
                    {
                        return (ForwarderError.ResponseBodyClient, null); // the client is gone; disposing the response resets upstream
                    }
                }

                await ready.ConfigureAwait(false);
                var memory = writer.GetMemory(DownstreamFlushRule.ReadSize);
                var read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (ForwarderError.None, null);
                }

                counter.Observe(memory.Span[..read]);
                cancellation.Touch();
                writer.Advance(read);
                if (flushes.Wrote(read))
                {
                    if ((await writer.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted)
                    {
                        return (ForwarderError.ResponseBodyClient, null);
                    }
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return (cancellationToken.IsCancellationRequested ? ForwarderError.ResponseBodyCanceled
                : context.RequestAborted.IsCancellationRequested ? ForwarderError.ResponseBodyClient
                : ForwarderError.ResponseBodyDestination, e);
        }
    }

    /// <summary>Step (5)'s end on both own paths: the response is completed (trailers sent); a failure is the client's.</summary>
    internal static async ValueTask<(ForwarderError Error, Exception? Exception)> CompleteAsync(HttpResponse downstream)
    {
        try
        {
            await downstream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            return (ForwarderError.ResponseBodyClient, e);
        }

        return (ForwarderError.None, null);
    }

    /// <summary>
    /// Ends a pending read of the request's pipe. Kestrel throws the client's error (a reset) from every call on a
    /// request body that has failed: the pending read then ends with that error by itself.
    /// </summary>
    internal static void CancelPendingRead(System.IO.Pipelines.PipeReader reader)
    {
        try
        {
            reader.CancelPendingRead();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// As YARP does for gRPC: Kestrel's minimum request body rate and size limit would cut long or paused client
    /// streams, and gRPC bounds its own messages.
    /// </summary>
    internal static void DisableRequestLimits(HttpContext context)
    {
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
    }

    private static void CopyRequestHeaders(IHeaderDictionary headers, HttpRequestMessage upstream)
    {
        foreach (var (name, values) in headers)
        {
            if (values.Count == 0 || name.Length == 0 || name[0] == ':' || HopByHop.Skip(name)
                || string.Equals(name, "host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Host becomes :authority (EditRequest sets it)
            }

            // Request headers first; a content header (content-type, ...) is refused there and goes on the content.
            var added = values.Count == 1
                ? upstream.Headers.TryAddWithoutValidation(name, values[0])
                : upstream.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            if (!added)
            {
                _ = values.Count == 1
                    ? upstream.Content!.Headers.TryAddWithoutValidation(name, values[0])
                    : upstream.Content!.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }

    private static void CopyResponseHeaders(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from.NonValidated)
        {
            if (!HopByHop.Skip(name))
            {
                to[name] = ToStringValues(values);
            }
        }
    }

    private static void CopyTrailers(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from.NonValidated)
        {
            if (!HopByHop.Skip(name))
            {
                to.Append(name, ToStringValues(values));
            }
        }
    }

    private static StringValues ToStringValues(HeaderStringValues values)
    {
        if (values.Count == 1)
        {
            return values.ToString();
        }

        var all = new string[values.Count];
        var i = 0;
        foreach (var v in values)
        {
            all[i++] = v;
        }

        return all;
    }
}
