using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// Replies the gateway makes itself. gRPC: a trailers-only response (HTTP 200, <c>content-type: application/grpc</c>,
/// <c>grpc-status</c> and a percent-encoded <c>grpc-message</c>, no body), which HTTP/2 sends as one HEADERS frame
/// with END_STREAM. HTTP: the status code with a short text body.
/// </summary>
internal static class Replies
{
    public static Task Grpc(HttpContext context, int status, string message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a status: reset the stream so the client does not wait for trailers that never come.
            Reset(context, status);
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(CultureInfo.InvariantCulture);
        if (message.Length > 0)
        {
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends a gRPC response whose headers (and maybe messages) went out with <c>grpc-status</c> trailers, when the
    /// protocol has trailers (HTTP/2); else resets the stream as <see cref="Grpc"/> does.
    /// </summary>
    public static Task EndWithTrailers(HttpContext context, int status, string message)
    {
        var response = context.Response;
        if (!response.HasStarted)
        {
            return Grpc(context, status, message);
        }

        if (context.RequestAborted.IsCancellationRequested || !response.SupportsTrailers())
        {
            Reset(context, status);
            return Task.CompletedTask;
        }

        response.AppendTrailer("grpc-status", status.ToString(CultureInfo.InvariantCulture));
        if (message.Length > 0)
        {
            response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }

        return response.CompleteAsync();
    }

    /// <summary>Resets the HTTP/2 stream: CANCEL (8) for a cancelled call, else INTERNAL_ERROR (2).</summary>
    private static void Reset(HttpContext context, int grpcStatus) =>
        context.Features.Get<IHttpResetFeature>()?.Reset(grpcStatus == GrpcStatusCodes.Cancelled ? 8 : 2);

    public static Task Http(HttpContext context, int status, string message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message + "\n", context.RequestAborted);
    }

    public static Task For(HttpContext context, bool grpc, int grpcStatus, int httpStatus, string message) =>
        grpc ? Grpc(context, grpcStatus, message) : Http(context, httpStatus, message);
}
