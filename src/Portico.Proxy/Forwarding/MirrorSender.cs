using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// RequestMirror: after the primary call, a copy of the request goes to each sampled mirror backend, fire and
/// forget; its reply is read and dropped. A mirror never delays or fails the primary call.
/// </summary>
internal sealed class MirrorSender(HttpMessageInvoker invoker)
{
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection", "content-length",
    };

    public void Send(HttpContext context, IReadOnlyList<CompiledMirror> mirrors, byte[] body, bool grpc)
    {
        var request = context.Request;
        var path = (request.Path.Value ?? "/") + request.QueryString.Value;
        var headers = request.Headers.Where(h => !SkippedHeaders.Contains(h.Key) && !h.Key.StartsWith(':')).ToArray();
        var host = request.Host.Value;
        var method = new HttpMethod(request.Method);
        foreach (var mirror in mirrors)
        {
            var endpoint = mirror.Backend.Pick();
            if (endpoint is null)
            {
                continue;
            }

            var message = new HttpRequestMessage(method, endpoint.DestinationPrefix + path)
            {
                Version = mirror.Backend.IsH2c ? HttpVersion.Version20 : HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = body.Length > 0 || grpc ? new ByteArrayContent(body) : null,
            };
            foreach (var (name, value) in headers)
            {
                if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
                {
                    message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
                }
            }

            message.Headers.Host = host;
            if (grpc)
            {
                message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
            }

            _ = SendOneAsync(message);
        }
    }

    private async Task SendOneAsync(HttpRequestMessage message)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await invoker.SendAsync(message, cts.Token).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // Mirrors are best effort by definition (the spec ignores their responses).
        }
        finally
        {
            message.Dispose();
        }
    }
}
