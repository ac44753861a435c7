using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

/// <summary>
/// The socket application the listener tests run: echoes what the request looked like from the server side, and
/// has slow, idle and hand-framed gRPC endpoints. TLS options are looked up by SNI in a map the test can swap.
/// </summary>
internal sealed class TestSocketApplication : ISocketApplication
{
    public const string GrpcEchoPath = "/portico.test.Echo/Unary";
    public const string GrpcFailPath = "/portico.test.Echo/Fail";

    /// <summary>Server name → TLS options; a missing name refuses the handshake.</summary>
    public ConcurrentDictionary<string, SslServerAuthenticationOptions> Tls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Released once each time a /slow request has started, so a test knows it is in flight.</summary>
    public SemaphoreSlim SlowStarted { get; } = new(0);

    /// <summary>A server name for which <see cref="SelectTls"/> throws, as a buggy application would.</summary>
    public const string ThrowingServerName = "throw.test";

    public SslServerAuthenticationOptions? SelectTls(SocketSpec socket, string? serverName) => serverName switch
    {
        ThrowingServerName => throw new InvalidOperationException("certificate store unavailable"),
        not null when Tls.TryGetValue(serverName, out var options) => options,
        _ => null,
    };

    public async Task HandleAsync(HttpContext context, SocketSpec socket)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/echo")
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            await context.Response.WriteAsync(Describe(context, socket), context.RequestAborted);
        }
        else if (path.StartsWith("/slow/", StringComparison.Ordinal))
        {
            SlowStarted.Release();
            await Task.Delay(Milliseconds(path), context.RequestAborted);
            await context.Response.WriteAsync("done", context.RequestAborted);
        }
        else if (path.StartsWith("/idle/", StringComparison.Ordinal))
        {
            // Headers go out first; then the stream carries nothing at all for the given time.
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Milliseconds(path), context.RequestAborted);
            await context.Response.WriteAsync("awake", context.RequestAborted);
        }
        else if (path == GrpcEchoPath)
        {
            await GrpcEchoAsync(context, socket);
        }
        else if (path == GrpcFailPath)
        {
            // Trailers-only reply: HEADERS with END_STREAM, the status in the only header block.
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "5";
            context.Response.Headers["grpc-message"] = "nope";
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public static string Describe(HttpContext context, SocketSpec socket) =>
        $"{context.Request.Protocol}|{context.Request.Scheme}|{context.Request.Host}|{socket.Key}|{context.Request.Path}";

    private static int Milliseconds(string path) => int.Parse(path[(path.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

    private static async Task GrpcEchoAsync(HttpContext context, SocketSpec socket)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var request = buffer.ToArray();
        var message = Encoding.UTF8.GetString(request.AsSpan(5));
        var reply = Encoding.UTF8.GetBytes($"{message} via {socket.Key} {context.Request.Protocol}");

        var frame = new byte[5 + reply.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), reply.Length);
        reply.CopyTo(frame.AsSpan(5));
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(frame, context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
