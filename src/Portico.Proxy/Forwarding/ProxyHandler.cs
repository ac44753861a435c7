using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portico.Proxy.Admission;
using Portico.Proxy.Compilation;
using Portico.Proxy.Metrics;
using Portico.Proxy.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// One request, start to end:
/// <code>
///  (1) table ── capture the table in force; the call keeps it to the end
///  (2) listener ── by Host (port ignored): exact, longest wildcard, none (listener isolation)
///  (3) route ── gRPC (content-type application/grpc*): GRPCRoutes then HTTPRoutes; others: HTTPRoutes
///  (4) action ── fixed reply | redirect | weighted destination → failure | backend → endpoint
///  (5) forward ── gRPC h2→h2c: GrpcForwarder (direct) or H2GrpcForwarder (h2), else IHttpForwarder; deadline, filters, mirrors; errors become gRPC statuses
///  (6) telemetry ── metrics, access log line, span: one CallTelemetry filled in along the way (see CallObserver)
/// </code>
/// </summary>
internal sealed class ProxyHandler(IHttpForwarder forwarder, HttpMessageInvoker invoker, ProxyOptions options, CallObserver telemetry)
{
    private readonly ProxyMetrics _metrics = telemetry.Metrics;

    private readonly ForwarderRequestConfig _h2c = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        ActivityTimeout = options.IdleStreamTimeout,
    };

    private readonly ForwarderRequestConfig _http1 = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        ActivityTimeout = TimeSpan.FromSeconds(100),
    };

    private readonly MirrorSender _mirrors = new(invoker);

    private readonly GrpcForwarder? _direct = options.GrpcForwarder == GrpcForwarderKind.Direct ? new GrpcForwarder(invoker) : null;

    private readonly H2GrpcForwarder? _h2 = options.GrpcForwarder == GrpcForwarderKind.H2
        ? new H2GrpcForwarder(new Upstream.Http2.Http2ClientOptions
        {
            ConnectTimeout = options.ConnectTimeout,
            MaxStreamsPerConnection = options.UpstreamStreamsPerConnection > 0 ? options.UpstreamStreamsPerConnection : int.MaxValue,
        })
        : null;

    public async Task HandleAsync(HttpContext context, CompiledSocket? socket)
    {
        var grpc = context.Request.ContentType is { } ct && ct.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
        var call = telemetry.Begin(context, grpc);
        try
        {
            await RouteAsync(context, socket, grpc, call).ConfigureAwait(false);
        }
        finally
        {
            // :: Step 6
            telemetry.Complete(context, call);
        }
    }

    /// <summary>Steps 2-5. Not async itself: every branch ends in one task (a reply, or the forward).</summary>
    private Task RouteAsync(HttpContext context, CompiledSocket? socket, bool grpc, CallTelemetry call)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var host = NormalizeHost(request.Host.Host);

        // :: Step 2
        var listener = socket?.SelectListener(host);
        if (listener is null)
        {
            return NoRoute(context, grpc, host, path, call);
        }

        call.Listener = listener.Config.Id;

        // :: Step 3
        CompiledAction? action = null;
        Routing.Matching.RouteSource? route = null;
        if (grpc)
        {
            var i = 0;
            while (action is null && listener.HostAt(host ?? string.Empty, ref i) is { } vh)
            {
                if (vh.Grpc.Match(path, request.Headers) is { } g)
                {
                    action = g.Action;
                    route = g.Source.Source;
                }
            }
        }

        if (action is null)
        {
            var i = 0;
            while (action is null && listener.HostAt(host ?? string.Empty, ref i) is { } vh)
            {
                if (vh.MatchHttp(request, path) is { } h)
                {
                    action = h.Action;
                    route = h.Source.Source;
                }
            }
        }

        if (action is null)
        {
            return NoRoute(context, grpc, host, path, call);
        }

        call.Routed(_metrics, route, path);

        // :: Step 4
        if (action.DirectResponse is { } direct)
        {
            return Replies.For(context, grpc, direct.GrpcStatus, direct.HttpStatus, direct.Message);
        }

        if (action.Redirect is { } redirect)
        {
            Redirects.Write(context, redirect, listener.Config.Port);
            return Task.CompletedTask;
        }

        var destination = action.PickDestination();
        if (destination.Failure is { } failure)
        {
            call.Picked(_metrics, destination, null);
            return Replies.For(context, grpc, failure.GrpcStatus, failure.HttpStatus, failure.Message);
        }

        if (destination.Redirect is { } backendRedirect)
        {
            Redirects.Write(context, backendRedirect, listener.Config.Port);
            return Task.CompletedTask;
        }

        var backend = destination.Backend!;
        var endpoint = backend.Pick();
        call.Picked(_metrics, destination, endpoint);
        if (endpoint is null)
        {
            var message = $"no ready endpoint for {backend.Id}";
            return Replies.For(context, grpc, GrpcStatusCodes.Unavailable, StatusCodes.Status503ServiceUnavailable, message);
        }

        // :: Step 5
        return ForwardAsync(context, action, destination, endpoint, grpc, call);
    }

    private async Task ForwardAsync(HttpContext context, CompiledAction action, CompiledDestination destination, Backends.EndpointState endpoint, bool grpc, CallTelemetry call)
    {
        TimeSpan? timeout = action.RequestTimeout;
        if (grpc && GrpcTimeout.TryParse(context.Request.Headers["grpc-timeout"], out var grpcTimeout))
        {
            call.ClientTimeout = grpcTimeout;
            if (timeout is null || grpcTimeout < timeout)
            {
                timeout = grpcTimeout;
            }
        }

        using var deadline = timeout is { } t ? new CancellationTokenSource(t) : null;
        DateTime? deadlineAt = timeout is { } tt ? DateTime.UtcNow + tt : null; // the queue's wait counts against it

        // Counted from here, the wait in the queue included, so least-request sees the calls an endpoint has waiting.
        endpoint.Begin();
        try
        {
            // :: Step 5a — the forwarding queue, before anything is rented for the call.
            var queue = grpc ? endpoint.Queue : null;
            if (queue is not null && call.Method?.KnownType is null or GrpcCallType.Unary)
            {
                var entering = queue.EnterAsync(deadline?.Token ?? CancellationToken.None, context.RequestAborted);
                var entered = entering.IsCompletedSuccessfully ? entering.Result : await entering.ConfigureAwait(false);
                switch (entered)
                {
                    case QueueResult.Admitted:
                        call.HoldSlot(queue); // given back when the call ends, or earlier if it shows it streams
                        break;
                    case QueueResult.Overflow:
                        break; // goes without a slot: nothing to give back
                    case QueueResult.Deadline:
                        call.ReplyStatus = GrpcStatusCodes.DeadlineExceeded;
                        await Replies.Grpc(context, GrpcStatusCodes.DeadlineExceeded, "deadline exceeded while queued at the gateway").ConfigureAwait(false);
                        return;
                    default:
                        return; // the client went away
                }
            }

            // Not counted otherwise: a method known to stream (or not gRPC).
            try
            {
                var mirrors = SampleMirrors(action, destination);
                var direct = grpc && (_direct is not null || _h2 is not null) && GrpcForwarder.Accepts(context, destination, call);
                if (!direct || _h2 is null)
                {
                    call.InstallResponseCounter(context); // these paths write through Response.Body (the h2 path counts itself)
                }

                CaptureStream? capture = null;
                if (mirrors is not null)
                {
                    // The direct path keeps the copy as it sends (GrpcRequestContent); YARP reads the body through it.
                    capture = new CaptureStream(direct ? Stream.Null : context.Request.Body, options.MaxMirrorBodyBytes);
                    if (!direct)
                    {
                        context.Request.Body = capture;
                    }
                }

                var backendStats = call.Destination!.Backend!;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                backendStats.Active.Inc();
                (ForwarderError Error, Exception? Exception) outcome;
                try
                {
                    outcome = direct
                        ? await SendDirectAsync(context, action, destination, endpoint, deadlineAt, deadline, capture, call).ConfigureAwait(false)
                        : await SendYarpAsync(context, action, destination, endpoint, grpc, deadlineAt, deadline, call).ConfigureAwait(false);
                }
                finally
                {
                    backendStats.Active.Dec();
                    backendStats.Duration.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                }

                call.Error = outcome.Error;
                if (outcome.Error != ForwarderError.None)
                {
                    await ReportError(context, outcome.Error, grpc, deadline?.IsCancellationRequested == true, destination.Backend!.Id, call, outcome.Exception).ConfigureAwait(false);
                }

                if (mirrors is not null && capture!.Captured is { } body)
                {
                    _mirrors.Send(context, mirrors, body, grpc);
                }
            }
            finally
            {
                call.ReleaseSlot();
            }
        }
        finally
        {
            endpoint.End();
        }
    }

    /// <summary>Step 5 through YARP's forwarder: deferred flushes for gRPC over HTTP/2, the deadline's trailers guard.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(ForwarderError Error, Exception? Exception)> SendYarpAsync(HttpContext context, CompiledAction action, CompiledDestination destination,
        Backends.EndpointState endpoint, bool grpc, DateTime? deadlineAt, CancellationTokenSource? deadline, CallTelemetry call)
    {
        var config = destination.Backend!.IsH2c ? _h2c : _http1;
        DeferredFlush? upstreamFlush = null;
        DeferredFlush? downstreamFlush = null;
        if (grpc && config == _h2c && call.RequestBody is { } requestBody && call.ResponseBody is { } responseBody
            && HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            // gRPC over HTTP/2 on both sides: YARP's flushes are deferred until the proxy would wait (DeferredFlush).
            requestBody.Upstream = upstreamFlush = new DeferredFlush();
            responseBody.Downstream = downstreamFlush = new DeferredFlush();
        }

        // A gateway deadline that cuts a started response ends it with DEADLINE_EXCEEDED trailers, not YARP's reset.
        DeadlineResetFeature? resetGuard = null;
        if (grpc && deadline is not null && context.Features.Get<IHttpResetFeature>() is { } reset)
        {
            context.Features.Set<IHttpResetFeature>(resetGuard = new DeadlineResetFeature(reset, deadline.Token));
        }

        var transformer = new RequestTransformer(action, destination, grpc, deadlineAt, call, upstreamFlush, downstreamFlush, endpoint);
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, endpoint.DestinationPrefix, invoker, config, transformer, deadline?.Token ?? CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (resetGuard is not null)
            {
                context.Features.Set(resetGuard.Inner);
            }
        }

        if (error == ForwarderError.None && resetGuard?.HeldBack is { } code)
        {
            resetGuard.Inner.Reset(code); // not expected (a reset means a failed forward), but never swallowed
        }

        return (error, error == ForwarderError.None ? null : context.Features.Get<IForwarderErrorFeature>()?.Exception);
    }

    /// <summary>
    /// Step 5 on the direct path (<see cref="GrpcForwarder"/>) or the h2 path (<see cref="H2GrpcForwarder"/>), with the
    /// idle timer YARP's ActivityTimeout is on the other.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(ForwarderError Error, Exception? Exception)> SendDirectAsync(HttpContext context, CompiledAction action, CompiledDestination destination,
        Backends.EndpointState endpoint, DateTime? deadlineAt, CancellationTokenSource? deadline, CaptureStream? capture, CallTelemetry call)
    {
        // One token for the client's abort, the gateway's deadline and the idle timer.
        using var cancellation = new CallCancellation(context.RequestAborted, deadline?.Token ?? CancellationToken.None, options.IdleStreamTimeout);
        var (error, exception) = _h2 is not null
            ? await _h2.ForwardAsync(context, action, destination, endpoint, deadlineAt, call, capture, cancellation).ConfigureAwait(false)
            : await _direct!.ForwardAsync(context, action, destination, endpoint, deadlineAt, call, capture, cancellation).ConfigureAwait(false);
        if (error != ForwarderError.None && cancellation.IdleExpired)
        {
            error = ForwarderError.RequestTimedOut; // no progress for IdleStreamTimeout: reported as the upstream timing out
        }

        return (error, exception);
    }

    private static List<CompiledMirror>? SampleMirrors(CompiledAction action, CompiledDestination destination)
    {
        List<CompiledMirror>? sampled = null;
        foreach (var m in action.Mirrors)
        {
            if (m.Sample())
            {
                (sampled ??= []).Add(m);
            }
        }

        foreach (var m in destination.Mirrors)
        {
            if (m.Sample())
            {
                (sampled ??= []).Add(m);
            }
        }

        return sampled;
    }

    internal static Task ReportError(HttpContext context, ForwarderError error, bool grpc, bool deadlineExpired, string backend, CallTelemetry call, Exception? exception)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask; // the client went away; YARP has reset the upstream call.
        }

        if (grpc && error is ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient)
        {
            // The client's side failed (it reset its stream or went away) before the server signalled the abort
            // (that signal comes through the thread pool): nobody to answer, and its cancel, not the backend's failure.
            call.ReplyStatus = GrpcStatusCodes.Cancelled;
            return Task.CompletedTask;
        }

        // The deadline token is the one passed to SendAsync, so YARP reports its expiry as RequestCanceled (and
        // sets 502): check it before treating RequestCanceled as "nothing to say".
        if (!deadlineExpired && error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            return Task.CompletedTask;
        }

        var cause = Describe(exception);
        if (deadlineExpired || error == ForwarderError.RequestTimedOut)
        {
            call.ReplyStatus = GrpcStatusCodes.DeadlineExceeded; // for the metrics, even if a started stream can only be reset
            var message = deadlineExpired ? "deadline exceeded at the gateway" : $"upstream {backend} timed out";
            return grpc
                ? Replies.EndWithTrailers(context, GrpcStatusCodes.DeadlineExceeded, message) // trailers when the response has started
                : Replies.Http(context, StatusCodes.Status504GatewayTimeout, message);
        }

        if (!grpc)
        {
            // YARP has already set 502 (or 504) when nothing was sent; keep it.
            return Task.CompletedTask;
        }

        call.ReplyStatus = GrpcStatusCodes.Unavailable;
        return Replies.Grpc(context, GrpcStatusCodes.Unavailable, $"upstream {backend}: {error}: {cause}");
    }

    private static string Describe(Exception? e)
    {
        while (e?.InnerException is not null && e.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase))
        {
            e = e.InnerException;
        }

        return e is null ? "unknown error" : e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
    }

    private Task NoRoute(HttpContext context, bool grpc, string? host, string path, CallTelemetry call)
    {
        call.Routed(_metrics, null, path);
        return Replies.For(context, grpc, GrpcStatusCodes.Unimplemented, StatusCodes.Status404NotFound, $"no route for {host}{path}");
    }

    private static string? NormalizeHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        foreach (var c in host)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return host.ToLowerInvariant();
            }
        }

        return host;
    }
}
