using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Portico.Proxy.Forwarding;
using Portico.Proxy.Metrics;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// Metrics, access log and span of each call: <see cref="Begin"/> when it arrives, <see cref="Complete"/> when the
/// handler is done. Per-call costs (issue 6 may trim them; each is noted where it is paid):
/// <code>
///  Begin     Stopwatch timestamp; x-request-id read (+ generated: interlocked add, 36-char string) and set on the
///            response; gRPC or logged: two body wrappers (2 allocations); tracing on: span (see ProxyTracing)
///  Routed    route stats: ConditionalWeakTable lookup; gauge +1; gRPC: method table lookup, + started/live
///            counters when the method's type is known
///  Complete  grpc-status parse (headers, then trailers); ~4-6 counter adds and 1-2 histogram observations on
///            cached children; gauge -1; logged: one struct into a bounded channel; span tags + stop
/// </code>
/// </summary>
internal sealed class CallObserver(ProxyMetrics metrics, ProxyOptions options, AccessLogWriter? accessLog)
{
    /// <summary>A client reset this close to its own deadline counts as DeadlineExceeded rather than Canceled.</summary>
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(25);

    public ProxyMetrics Metrics => metrics;

    public CallTelemetry Begin(HttpContext context, bool grpc)
    {
        var start = Stopwatch.GetTimestamp();
        var request = context.Request;

        // x-request-id: the client's, else a new one; returned to the client either way.
        var requestId = request.Headers[RequestIds.Header];
        string? id = requestId.Count > 0 ? requestId.ToString() : null;
        var generated = false;
        if (id is null && options.GenerateRequestIds)
        {
            id = RequestIds.Next();
            generated = true;
        }

        if (id is not null)
        {
            context.Response.Headers[RequestIds.Header] = id;
        }

        var logged = accessLog?.Sample() == true;
        RequestBodyCounter? requestBody = null;
        ResponseBodyCounter? responseBody = null;
        var deferred = false;
        if (grpc || logged)
        {
            // Frame counting for gRPC (message metrics, grpc_type), byte counting for the access log.
            // The server's pipe is taken before the body is wrapped (after that it would hand out a wrapper).
            var reader = grpc && HttpProtocol.IsHttp2(request.Protocol) ? request.BodyReader : null;
            request.Body = requestBody = new RequestBodyCounter(request.Body, grpc) { Reader = reader };
            responseBody = new ResponseBodyCounter(context.Features.Get<IHttpResponseBodyFeature>()!, grpc);

            // The h2 forwarder may take this call: it counts what it writes itself; any other path installs the
            // counter first (ProxyHandler, CallTelemetry.InstallResponseCounter).
            deferred = reader is not null && options.GrpcForwarder == GrpcForwarderKind.H2;
            if (!deferred)
            {
                context.Features.Set<IHttpResponseBodyFeature>(responseBody);
            }
        }

        var call = new CallTelemetry
        {
            StartTimestamp = start,
            Grpc = grpc,
            RequestId = id,
            RequestIdGenerated = generated,
            Activity = options.Tracing ? StartSpan(request) : null,
            Logged = logged,
            RequestBody = requestBody,
            ResponseBody = responseBody,
        };
        if (deferred)
        {
            call.DeferResponseCounter();
        }

        if (grpc && requestBody is not null)
        {
            requestBody.Call = call; // a second message either way: the call streams (queue slot, method type)
            responseBody!.Call = call;
        }

        return call;
    }

    public void Complete(HttpContext context, CallTelemetry call)
    {
        var elapsed = Stopwatch.GetElapsedTime(call.StartTimestamp);
        var seconds = elapsed.TotalSeconds;
        var route = call.Route ?? metrics.NoRoute; // null only when the handler threw before routing

        int grpcStatus = -1, httpStatus;
        var received = call.RequestBody?.Messages ?? 0;
        var sent = call.ResponseBody?.Messages ?? 0;
        if (call.Grpc)
        {
            grpcStatus = GrpcStatus(context, call, elapsed);
            httpStatus = context.Response.StatusCode;
            var method = call.Method ?? metrics.Grpc.Unknown;
            var series = call.StartedSeries;
            if (series is null)
            {
                // Type not known at start: everything is counted now, with the type this call showed.
                series = method.Series(GrpcMethodStats.Observed(received, sent));
                series.Started.Inc();
                if (received > 0)
                {
                    series.Received.Inc(received);
                }

                if (sent > 0)
                {
                    series.Sent.Inc(sent);
                }
            }

            series.Handled(grpcStatus).Inc();
            series.Handling.Observe(seconds);
            // An OK call shows the method's shape; a failed one (a watch stream ends Cancelled or Unavailable) still
            // proves it streams when it carried more than one message either way, and the forwarding queue must know.
            if (grpcStatus == GrpcCodes.Ok || GrpcMethodStats.Observed(received, sent) != GrpcCallType.Unary)
            {
                method.Learn(received, sent);
            }

            route.GrpcResult(grpcStatus);
            call.Destination?.GrpcResult(grpcStatus);
        }
        else
        {
            // 499 (nginx's "client closed request") when the client went away and cut the forwarding short.
            httpStatus = call.Error != ForwarderError.None && context.RequestAborted.IsCancellationRequested ? 499 : context.Response.StatusCode;
            route.HttpResult(HttpMethodLabels.Index(context.Request.Method), httpStatus, seconds);
            call.Destination?.HttpResult(httpStatus);
        }

        route.Duration.Observe(seconds);
        if (call.Route is not null)
        {
            route.Active.Dec();
        }

        if (call.Activity is { } activity)
        {
            EndSpan(activity, context, call, grpcStatus, httpStatus);
        }

        if (call.Logged && accessLog is not null)
        {
            var request = context.Request;
            var connection = context.Connection;
            accessLog.TryEnqueue(new AccessLogEntry
            {
                Time = DateTime.UtcNow - elapsed,
                Listener = call.Listener,
                Route = call.RouteSource,
                Backend = call.Destination?.BackendLabel,
                Endpoint = call.Endpoint,
                Authority = request.Host.Value,
                Protocol = request.Protocol,
                Method = request.Method,
                Path = request.Path.Value ?? "/",
                Grpc = call.Grpc,
                GrpcStatus = grpcStatus,
                HttpStatus = httpStatus,
                DurationMilliseconds = elapsed.TotalMilliseconds,
                BytesIn = call.RequestBody?.Bytes ?? 0,
                BytesOut = call.ResponseBody?.Bytes ?? 0,
                MessagesIn = received,
                MessagesOut = sent,
                RequestId = call.RequestId,
                ClientAddress = connection.RemoteIpAddress,
                ClientPort = connection.RemotePort,
                TraceId = call.Activity?.TraceId ?? default,
                SpanId = call.Activity?.SpanId ?? default,
            });
        }
    }

    /// <summary>
    /// The call's gRPC status, in order: <c>grpc-status</c> in the headers (trailers-only, including the gateway's
    /// own replies) or in the trailers; the status the gateway meant for a failed forward (a started stream can
    /// only be reset); a client reset (DeadlineExceeded when its <c>grpc-timeout</c> was up, else
    /// Canceled); a non-200 HTTP status mapped as gRPC clients map it; Unavailable for a forwarding failure; else Unknown.
    /// </summary>
    internal static int GrpcStatus(HttpContext context, CallTelemetry call, TimeSpan elapsed)
    {
        var response = context.Response;
        if (TryParseStatus(response.Headers["grpc-status"], out var code) ||
            (context.Features.Get<IHttpResponseTrailersFeature>() is { } trailers && TryParseStatus(trailers.Trailers["grpc-status"], out code)))
        {
            return code;
        }

        if (call.ReplyStatus is { } reply)
        {
            return reply;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return call.ClientTimeout is { } t && elapsed >= t - DeadlineSlack ? GrpcStatusCodes.DeadlineExceeded : GrpcStatusCodes.Cancelled;
        }

        return response.StatusCode switch
        {
            200 => call.Error != ForwarderError.None ? GrpcStatusCodes.Unavailable : GrpcCodes.Unknown,
            400 => GrpcStatusCodes.Internal,
            401 => 16, // Unauthenticated
            403 => 7,  // PermissionDenied
            404 => GrpcStatusCodes.Unimplemented,
            429 or 502 or 503 or 504 => GrpcStatusCodes.Unavailable,
            _ => GrpcCodes.Unknown,
        };
    }

    private static bool TryParseStatus(StringValues value, out int code)
    {
        code = 0;
        return value.Count == 1 && int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out code);
    }

    private static Activity? StartSpan(HttpRequest request)
    {
        var source = ProxyTracing.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = default(ActivityContext);
        var traceParent = request.Headers.TraceParent;
        if (traceParent.Count == 1)
        {
            var traceState = request.Headers.TraceState;
            _ = ActivityContext.TryParse(traceParent[0], traceState.Count > 0 ? traceState.ToString() : null, isRemote: true, out parent);
        }

        return source.StartActivity("portico.call", ActivityKind.Server, parent);
    }

    private static void EndSpan(Activity activity, HttpContext context, CallTelemetry call, int grpcStatus, int httpStatus)
    {
        if (activity.IsAllDataRequested)
        {
            var request = context.Request;
            var path = request.Path.Value ?? "/";
            activity.SetTag("portico.listener", call.Listener);
            activity.SetTag("portico.route", call.Route?.Label);
            activity.SetTag("portico.rule", call.RouteSource is { } r ? r.RuleName ?? r.Rule.ToString(CultureInfo.InvariantCulture) : null);
            activity.SetTag("portico.backend", call.Destination?.BackendLabel);
            if (call.Endpoint is { } ep)
            {
                activity.SetTag("server.address", ep.Address);
                activity.SetTag("server.port", ep.Port);
            }

            activity.SetTag("portico.request_id", call.RequestId);
            activity.SetTag("url.path", path);
            activity.SetTag("http.request.method", request.Method);
            activity.SetTag("http.response.status_code", httpStatus);
            var error = httpStatus >= 500;
            if (call.Grpc)
            {
                activity.DisplayName = path.Length > 1 ? path[1..] : path;
                activity.SetTag("rpc.system", "grpc");
                if (call.Method is { } m)
                {
                    activity.SetTag("rpc.service", m.Service);
                    activity.SetTag("rpc.method", m.Method);
                }

                activity.SetTag("rpc.grpc.status_code", grpcStatus);
                // Server spans: the codes that mean the server (or the gateway) failed.
                error = grpcStatus is 2 or 4 or 12 or 13 or 14 or 15;
            }
            else
            {
                activity.DisplayName = call.Route is { } route ? $"{request.Method} {route.Label}" : request.Method;
            }

            if (error)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        activity.Stop();
    }
}
