using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Portico.Proxy.Compilation;
using Portico.Proxy.Telemetry;
using Portico.Proxy.Upstream.Http2;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// The h2 forwarding path (<c>--grpc-forwarder h2</c>) for gRPC calls that arrive over HTTP/2 and go to an h2c
/// backend: a stream on Portico's own HTTP/2 client (<see cref="Http2ConnectionPool"/>, one per endpoint), with no
/// HttpRequestMessage, HttpContent or header collections. Same steps and contract as <see cref="GrpcForwarder"/>:
/// <code>
///  (1) request ── headers copied once into a per-thread list (minus hop-by-hop and pseudo headers), then the
///                 gateway's edits (RequestTransformer.EditRequest, the same code as the other paths), HPACK-encoded
///                 and appended to the connection's write buffer as HEADERS (not yet sent)
///  (2) body up ── the server's request pipe into DATA frames, counted inline; the connection is flushed only when
///                 the next client read would wait, so a unary call leaves in one write with END_STREAM
///  (3) headers ── status and headers copied, the gateway's response edits; trailers-only (grpc-status in the
///                 headers) ends here, as one HEADERS frame
///  (4) body down ─ the stream's buffered DATA into the server's response pipe, counted inline, flushed only before
///                 the proxy would wait on the backend (the headers count as owed: yarp#2520), or at 64 KiB
///  (5) trailers ── copied, response completed; a request body copy still running is stopped and awaited; a stream
///                 not closed both ways is reset (RST_STREAM CANCEL)
/// </code>
/// Errors come back as a <see cref="ForwarderError"/> and the exception, with YARP's meanings; nothing is written
/// here on failure. A backend reset after the response started is <see cref="ForwarderError.ResponseBodyDestination"/>
/// (the handler then resets the client's stream with INTERNAL_ERROR, as on the direct path).
/// </summary>
internal sealed class H2GrpcForwarder(Http2ClientOptions options)
{
    // The request's header list and its encoded block: filled, encoded and appended before the first await.
    [ThreadStatic] private static Http2RequestHeaders? t_headers;
    [ThreadStatic] private static byte[]? t_block;

    public Http2ClientOptions Options { get; } = options;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // one per call: reuse the state machine's box
    public async ValueTask<(ForwarderError Error, Exception? Exception)> ForwardAsync(HttpContext context, CompiledAction action,
        CompiledDestination destination, Backends.EndpointState endpoint, DateTime? deadlineAt, CallTelemetry call, CaptureStream? capture,
        CallCancellation cancellation)
    {
        var cancellationToken = cancellation.Token;
        GrpcForwarder.DisableRequestLimits(context);

        // :: (1) — a connection that closed after it was picked (GOAWAY, idle close) has sent nothing: one more try.
        Http2Connection connection;
        Http2Stream stream;
        var attempt = 0;
        while (true)
        {
            try
            {
                var acquiring = endpoint.Http2(Options).AcquireAsync(cancellationToken);
                connection = acquiring.IsCompletedSuccessfully ? acquiring.Result : await acquiring.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return (cancellationToken.IsCancellationRequested ? ForwarderError.RequestCanceled : ForwarderError.Request, e);
            }

            stream = new Http2Stream(connection);
            try
            {
                SendRequestHeaders(context, action, destination, endpoint, deadlineAt, call, connection, stream);
                break;
            }
            catch (Http2Exception e)
            {
                // The slot was given back.
                if (!e.Retryable || ++attempt == 2)
                {
                    return (ForwarderError.Request, e);
                }
            }
            catch
            {
                connection.Unreserve();
                throw;
            }
        }

        var registration = cancellationToken.UnsafeRegister(static s => ((Http2Stream)s!).Cancel(), stream);
        var reader = call.RequestBody!.Reader!;
        Task<int> copy = Task.FromResult(CopyOk);
        try
        {
            // :: (2) runs alongside (3)-(5); a unary body already here is sent before this returns
            copy = CopyRequestBodyAsync(reader, connection, stream, call.RequestBody, capture, cancellation);

            // :: (3)
            try
            {
                while (!stream.TryGetHeaders())
                {
                    await stream.WaitAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                return (cancellationToken.IsCancellationRequested ? ForwarderError.RequestCanceled
                    : e is ClientBodyException ? ForwarderError.RequestBodyClient : ForwarderError.Request, e);
            }

            cancellation.Touch();
            var downstream = context.Response;
            downstream.StatusCode = stream.Status;
            var trailersOnly = CopyResponseHeaders(stream.Headers!, downstream.Headers);
            RequestTransformer.EditResponse(context, action, destination, call);
            if (trailersOnly)
            {
                // Trailers-only: no body follows; the response completes as one HEADERS frame with END_STREAM.
                return (ForwarderError.None, null);
            }

            // :: (4)
            var error = await CopyResponseBodyAsync(context, stream, call.ResponseBody!, cancellation).ConfigureAwait(false);
            if (error.Error != ForwarderError.None)
            {
                // The stream failed because reading the client's request body did (the copy failed it): the client's
                // fault, not the backend's. Told by the stream's error, not by the copy's result: the copy may not have
                // returned yet when this side, woken on another thread by that error, gets here.
                return error.Error == ForwarderError.ResponseBodyDestination && error.Exception is ClientBodyException
                    ? (ForwarderError.RequestBodyClient, error.Exception)
                    : error;
            }

            // :: (5)
            if (stream.Trailers is { } upstreamTrailers
                && context.Features.Get<IHttpResponseTrailersFeature>() is { Trailers: { IsReadOnly: false } trailers })
            {
                foreach (var (name, value) in upstreamTrailers)
                {
                    if (!HopByHop.Skip(name))
                    {
                        trailers.Append(name, value);
                    }
                }
            }

            return await GrpcForwarder.CompleteAsync(downstream).ConfigureAwait(false);
        }
        finally
        {
            connection.Finish(stream); // RST_STREAM(CANCEL) unless both sides ended; unread bytes dropped
            registration.Dispose();
            if (!copy.IsCompleted)
            {
                GrpcForwarder.CancelPendingRead(reader);
                await copy.ConfigureAwait(false); // never throws
            }
        }
    }

    private static void SendRequestHeaders(HttpContext context, CompiledAction action, CompiledDestination destination, Backends.EndpointState endpoint,
        DateTime? deadlineAt, CallTelemetry call, Http2Connection connection, Http2Stream stream)
    {
        var request = context.Request;
        var headers = t_headers ??= new Http2RequestHeaders();
        var path = request.QueryString.HasValue ? request.Path.ToUriComponent() + request.QueryString.Value : request.Path.ToUriComponent();
        headers.Reset(HttpMethods.IsPost(request.Method) ? "POST" : request.Method, "http", endpoint.Authority, path);
        foreach (var (name, values) in request.Headers)
        {
            if (values.Count == 0 || name.Length == 0 || name[0] == ':' || HopByHop.Skip(name)
                || string.Equals(name, "host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Host becomes :authority (EditRequest sets it)
            }

            // One field per header, values joined as HttpClient joins them.
            headers.AddNew(name, values.Count == 1 ? values[0] ?? string.Empty
                : string.Join(string.Equals(name, "cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ", (IEnumerable<string?>)values));
        }

        RequestTransformer.EditRequest(context, new Http2RequestTarget(headers), action, destination, grpc: true, deadlineAt, call);
        var block = t_block ??= ArrayPool<byte>.Shared.Rent(4096);
        var length = headers.Encode(ref block);
        t_block = block;
        headers.Reset("POST", "http", string.Empty, "/"); // drop the strings
        connection.SendHeaders(stream, block.AsSpan(0, length), endStream: false, flush: false);
    }

    private const int CopyOk = 0;
    private const int CopyClientFailed = 1;
    private const int CopyUpstreamFailed = 2;

    /// <summary>(2): returns <see cref="CopyOk"/> (body sent, or stopped), <see cref="CopyClientFailed"/> or <see cref="CopyUpstreamFailed"/>; never throws.</summary>
    private static async Task<int> CopyRequestBodyAsync(PipeReader reader, Http2Connection connection, Http2Stream stream, RequestBodyCounter counter,
        CaptureStream? capture, CallCancellation activity)
    {
        var cancellationToken = activity.Token;
        var owed = true; // the request headers have not been flushed yet
        while (true)
        {
            ReadResult result;
            try
            {
                var reading = reader.ReadAsync(cancellationToken);
                if (owed && !reading.IsCompleted)
                {
                    owed = false;
                    connection.FlushSoon();
                }

                result = await reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return CopyOk; // the call is being cancelled: the stream is reset by the forwarder
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                stream.Fail(new ClientBodyException(e));
                connection.Finish(stream);
                return CopyClientFailed;
            }

            var buffer = result.Buffer;
            try
            {
                if (result.IsCanceled)
                {
                    return CopyOk;
                }

                var segments = buffer.GetEnumerator();
                var more = segments.MoveNext();
                while (more)
                {
                    var segment = segments.Current;
                    more = segments.MoveNext();
                    var last = result.IsCompleted && !more;
                    counter.Observe(segment.Span);
                    capture?.Keep(segment.Span);
                    await connection.SendDataAsync(stream, segment, last, cancellationToken).ConfigureAwait(false);
                    activity.Touch();
                }

                if (result.IsCompleted)
                {
                    if (buffer.IsEmpty)
                    {
                        await connection.SendDataAsync(stream, ReadOnlyMemory<byte>.Empty, endStream: true, cancellationToken).ConfigureAwait(false);
                    }

                    connection.FlushSoon();
                    return CopyOk;
                }

                owed = true;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                return CopyUpstreamFailed; // the stream has failed; the response side reports it
            }
            finally
            {
                reader.AdvanceTo(buffer.End);
            }
        }
    }

    /// <summary>The stream's error when reading the client's request body failed: the client's fault, not the backend's.</summary>
    private sealed class ClientBodyException(Exception inner) : Http2Exception("reading the client's request body failed", inner: inner);

    /// <summary>Copies the headers; true when the response is trailers-only (grpc-status among them).</summary>
    private static bool CopyResponseHeaders(List<KeyValuePair<string, string>> from, IHeaderDictionary to)
    {
        var trailersOnly = false;
        for (var i = 0; i < from.Count; i++)
        {
            var (name, value) = from[i];
            if (HopByHop.Skip(name))
            {
                continue;
            }

            trailersOnly |= name == "grpc-status";
            if (SeenBefore(from, i, name))
            {
                to.Append(name, value);
            }
            else
            {
                to[name] = value;
            }
        }

        return trailersOnly;
    }

    private static bool SeenBefore(List<KeyValuePair<string, string>> list, int index, string name)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(list[j].Key, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(ForwarderError Error, Exception? Exception)> CopyResponseBodyAsync(HttpContext context, Http2Stream stream,
        ResponseBodyCounter counter, CallCancellation cancellation)
    {
        var cancellationToken = cancellation.Token;
        var writer = counter.Inner.Writer;
        var flushes = default(DownstreamFlushRule);
        try
        {
            while (true)
            {
                switch (stream.Poll())
                {
                    case ReadState.Pending:
                        if (flushes.BeforeWait())
                        {
                            if ((await writer.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted)
                            {
                                return (ForwarderError.ResponseBodyClient, null);
                            }
                        }

                        await stream.WaitAsync().ConfigureAwait(false);
                        continue;
                    case ReadState.Ended:
                        return (ForwarderError.None, null);
                    case ReadState.Failed:
                        throw stream.Error!;
                    default:
                        break;
                }

                var memory = writer.GetMemory(DownstreamFlushRule.ReadSize);
                var read = stream.Read(memory.Span);
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
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return (cancellationToken.IsCancellationRequested ? ForwarderError.ResponseBodyCanceled
                : context.RequestAborted.IsCancellationRequested ? ForwarderError.ResponseBodyClient
                : ForwarderError.ResponseBodyDestination, e);
        }
    }
}
