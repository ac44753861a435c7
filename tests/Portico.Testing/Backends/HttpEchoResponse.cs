using System.Net.Http.Json;
using System.Text.Json;

namespace Portico.Testing;

/// <summary>The JSON body a <see cref="TestBackend"/> returns for plain HTTP requests (camelCase on the wire).</summary>
public sealed class HttpEchoResponse
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Name of the backend that answered.</summary>
    public string Server { get; init; } = string.Empty;

    /// <summary>HTTP method, e.g. <c>GET</c>.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>The raw path as received (no query).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The raw query without the leading <c>?</c>; empty when none.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>Host header / <c>:authority</c>.</summary>
    public string Authority { get; init; } = string.Empty;

    /// <summary>For example <c>HTTP/1.1</c>.</summary>
    public string Protocol { get; init; } = string.Empty;

    /// <summary>Lower-case names; repeated values joined with ",".</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    public long BodyLength { get; init; }

    /// <summary>The request body as UTF-8 text (at most 64 KiB).</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Reads the body of <paramref name="response"/>; throws if it is not an echo response.</summary>
    public static async Task<HttpEchoResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var echo = await response.Content.ReadFromJsonAsync<HttpEchoResponse>(Json, cancellationToken).ConfigureAwait(false);
        return echo ?? throw new InvalidOperationException("The response body is not an echo response.");
    }
}
