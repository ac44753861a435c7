namespace Portico.Model.GatewayApi;

public sealed class HttpRequestRedirectFilter
{
    /// <summary><c>http</c> or <c>https</c>; unset keeps the request's scheme.</summary>
    public string? Scheme { get; init; }

    public string? Hostname { get; init; }

    public HttpPathModifier? Path { get; init; }

    public int? Port { get; init; }

    /// <summary>301, 302 (default), 303, 307 or 308.</summary>
    public int StatusCode { get; set; } = 302;
}
