using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portico.Testing;

/// <summary>Reads what a request looked like on the wire, for replies and the request log.</summary>
internal static class RequestSnapshot
{
    public static ReceivedRequest Capture(HttpContext context) => new(
        context.Request.Protocol,
        context.Request.Method,
        Target(context),
        context.Request.Host.Value ?? string.Empty,
        Headers(context.Request.Headers),
        IsGrpc(context.Request.ContentType),
        context.Features.Get<ITlsHandshakeFeature>()?.HostName);

    /// <summary>The raw target as sent (<c>:path</c>), not the decoded <see cref="HttpRequest.Path"/>.</summary>
    public static string Target(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw)
            ? context.Request.PathBase + context.Request.Path + context.Request.QueryString
            : raw;
    }

    public static Dictionary<string, string> Headers(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in headers)
        {
            result[key.ToLowerInvariant()] = string.Join(',', values.ToArray());
        }

        return result;
    }

    public static bool IsGrpc(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
