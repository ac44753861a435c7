using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portico.Proxy.Compilation;
using Portico.Proxy.Metrics;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// One request, start to end:
/// <code>
///  (1) table ── capture the table in force; the call keeps it to the end
///  (2) listener ── by Host (port ignored): exact, longest wildcard, none (listener isolation)
///  (3) route ── gRPC (content-type application/grpc*): GRPCRoutes then HTTPRoutes; others: HTTPRoutes
///  (4) action ── fixed reply | redirect | weighted destination → failure | backend → endpoint
///  (5) forward ── IHttpForwarder with deadline, filters, mirrors; errors become gRPC statuses
/// </code>
/// </summary>
internal sealed class ProxyHandler(IHttpForwarder forwarder, HttpMessageInvoker invoker, ProxyOptions options, ProxyMetrics metrics)
{
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

    public async Task HandleAsync(HttpContext context, CompiledSocket? socket)
    {
        var request = context.Request;
        var grpc = request.ContentType is { } ct && ct.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
        var path = request.Path.Value ?? "/";
        var host = NormalizeHost(request.Host.Host);

        // :: Step 2
        var listener = socket?.SelectListener(host);
        if (listener is null)
        {
            await NoRoute(context, grpc, host, path).ConfigureAwait(false);
            return;
        }

        // :: Step 3
        CompiledAction? action = null;
        string? route = null;
        if (grpc)
        {
            var i = 0;
            while (action is null && listener.HostAt(host ?? string.Empty, ref i) is { } vh)
            {
                if (vh.Grpc.Match(path, request.Headers) is { } g)
                {
                    action = g.Action;
                    route = RouteLabel(g.Source.Source);
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
                    route = RouteLabel(h.Source.Source);
                }
            }
        }

        if (action is null)
        {
            await NoRoute(context, grpc, host, path).ConfigureAwait(false);
            return;
        }

        // :: Step 4
        if (action.DirectResponse is { } direct)
        {
            await Finish(context, route!, grpc, Replies.For(context, grpc, direct.GrpcStatus, direct.HttpStatus, direct.Message), direct.GrpcStatus, direct.HttpStatus).ConfigureAwait(false);
            return;
        }

        if (action.Redirect is { } redirect)
        {
            Redirects.Write(context, redirect, listener.Config.Port);
            metrics.Request(route!, redirect.StatusCode.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var destination = action.PickDestination();
        if (destination.Failure is { } failure)
        {
            await Finish(context, route!, grpc, Replies.For(context, grpc, failure.GrpcStatus, failure.HttpStatus, failure.Message), failure.GrpcStatus, failure.HttpStatus).ConfigureAwait(false);
            metrics.BackendRequest(route!, destination.Backend?.Id ?? "invalid", grpc ? GrpcCodeNames.Of(failure.GrpcStatus) : failure.HttpStatus.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (destination.Redirect is { } backendRedirect)
        {
            Redirects.Write(context, backendRedirect, listener.Config.Port);
            metrics.Request(route!, backendRedirect.StatusCode.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var backend = destination.Backend!;
        var endpoint = backend.Pick();
        if (endpoint is null)
        {
            var message = $"no ready endpoint for {backend.Id}";
            await Finish(context, route!, grpc, Replies.For(context, grpc, GrpcStatusCodes.Unavailable, StatusCodes.Status503ServiceUnavailable, message), GrpcStatusCodes.Unavailable, 503).ConfigureAwait(false);
            metrics.BackendRequest(route!, backend.Id, grpc ? "Unavailable" : "503");
            return;
        }

        // :: Step 5
        await ForwardAsync(context, action, destination, endpoint, grpc, route!).ConfigureAwait(false);
    }

    private async Task ForwardAsync(HttpContext context, CompiledAction action, CompiledDestination destination, Backends.EndpointState endpoint, bool grpc, string route)
    {
        TimeSpan? timeout = action.RequestTimeout;
        if (grpc && GrpcTimeout.TryParse(context.Request.Headers["grpc-timeout"], out var grpcTimeout) && (timeout is null || grpcTimeout < timeout))
        {
            timeout = grpcTimeout;
        }

        var mirrors = SampleMirrors(action, destination);
        CaptureStream? capture = null;
        if (mirrors is not null)
        {
            capture = new CaptureStream(context.Request.Body, options.MaxMirrorBodyBytes);
            context.Request.Body = capture;
        }

        using var deadline = timeout is { } t ? new CancellationTokenSource(t) : null;
        var transformer = new RequestTransformer(action, destination, grpc, timeout is { } tt ? DateTime.UtcNow + tt : null);
        var config = destination.Backend!.IsH2c ? _h2c : _http1;
        endpoint.Begin();
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, endpoint.DestinationPrefix, invoker, config, transformer, deadline?.Token ?? CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            endpoint.End();
        }

        if (error != ForwarderError.None)
        {
            await ReportError(context, error, grpc, deadline?.IsCancellationRequested == true, destination.Backend.Id).ConfigureAwait(false);
        }

        var code = Code(context, grpc);
        metrics.Request(route, code);
        metrics.BackendRequest(route, destination.Backend.Id, code);
        if (mirrors is not null && capture!.Captured is { } body)
        {
            _mirrors.Send(context, mirrors, body, grpc);
        }
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

    private static Task ReportError(HttpContext context, ForwarderError error, bool grpc, bool deadlineExpired, string backend)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask; // the client went away; YARP has reset the upstream call.
        }

        // The deadline token is the one passed to SendAsync, so YARP reports its expiry as RequestCanceled (and
        // sets 502): check it before treating RequestCanceled as "nothing to say".
        if (!deadlineExpired && error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            return Task.CompletedTask;
        }

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        var cause = Describe(exception);
        if (deadlineExpired || error == ForwarderError.RequestTimedOut)
        {
            return Replies.For(context, grpc, GrpcStatusCodes.DeadlineExceeded, StatusCodes.Status504GatewayTimeout,
                deadlineExpired ? "deadline exceeded at the gateway" : $"upstream {backend} timed out");
        }

        if (!grpc)
        {
            // YARP has already set 502 (or 504) when nothing was sent; keep it.
            return Task.CompletedTask;
        }

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

    private Task NoRoute(HttpContext context, bool grpc, string? host, string path)
    {
        metrics.Request("none", grpc ? "Unimplemented" : "404");
        return Replies.For(context, grpc, GrpcStatusCodes.Unimplemented, StatusCodes.Status404NotFound, $"no route for {host}{path}");
    }

    private async Task Finish(HttpContext context, string route, bool grpc, Task reply, int grpcStatus, int httpStatus)
    {
        await reply.ConfigureAwait(false);
        metrics.Request(route, grpc ? GrpcCodeNames.Of(grpcStatus) : httpStatus.ToString(CultureInfo.InvariantCulture));
    }

    private static string Code(HttpContext context, bool grpc)
    {
        if (!grpc)
        {
            return context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
        }

        var status = context.Response.Headers["grpc-status"].ToString();
        if (status.Length == 0)
        {
            status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString() ?? string.Empty;
        }

        return int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? GrpcCodeNames.Of(code) : "Unknown";
    }

    private static string RouteLabel(Routing.Matching.RouteSource s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Kind.ToLowerInvariant()}/{s.Namespace}/{s.Name}/rule/{s.Rule}");

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
