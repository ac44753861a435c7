using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Portico.Testing;

/// <summary>
/// Catch-all handler for HTTPRoute tests. Query options: <c>status=N</c> (response status),
/// <c>sleep=MS</c> (honours client aborts, which are counted), <c>set-header=name:value</c> (repeatable).
/// </summary>
internal static class HttpEchoEndpoint
{
    private const int MaxEchoedBody = 64 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<BackendState>();
        var request = context.Request;
        var (bodyLength, body) = await ReadBodyAsync(request.Body, context.RequestAborted).ConfigureAwait(false);

        if (int.TryParse(request.Query["sleep"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var sleep) && sleep > 0)
        {
            try
            {
                await Task.Delay(sleep, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                state.CancellationObserved();
                return;
            }
        }

        var status = StatusCodes.Status200OK;
        if (state.ForcedHttpStatus is { } forced)
        {
            status = forced;
        }
        else if (int.TryParse(request.Query["status"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked))
        {
            status = asked;
        }

        foreach (var header in request.Query["set-header"])
        {
            var colon = header?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon > 0)
            {
                context.Response.Headers.Append(header![..colon].Trim(), header[(colon + 1)..].Trim());
            }
        }

        context.Response.StatusCode = status;
        if (status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified || HttpMethods.IsHead(request.Method))
        {
            return;
        }

        var target = RequestSnapshot.Target(context);
        var queryAt = target.IndexOf('?', StringComparison.Ordinal);
        var echo = new HttpEchoResponse
        {
            Server = state.Name,
            Method = request.Method,
            Path = queryAt < 0 ? target : target[..queryAt],
            Query = queryAt < 0 ? string.Empty : target[(queryAt + 1)..],
            Authority = request.Host.Value ?? string.Empty,
            Protocol = request.Protocol,
            Headers = RequestSnapshot.Headers(request.Headers),
            BodyLength = bodyLength,
            Body = body,
        };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, echo, HttpEchoResponse.Json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<(long Length, string Text)> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            var room = MaxEchoedBody - (int)kept.Length;
            if (room > 0)
            {
                kept.Write(buffer, 0, Math.Min(room, read));
            }
        }

        return (total, Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length));
    }
}
