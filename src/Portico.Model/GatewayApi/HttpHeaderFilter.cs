namespace Portico.Model.GatewayApi;

/// <summary><c>RequestHeaderModifier</c>/<c>ResponseHeaderModifier</c>: set, add (append), remove.</summary>
public sealed class HttpHeaderFilter
{
    public IReadOnlyList<HttpHeader> Set { get; init; } = [];

    public IReadOnlyList<HttpHeader> Add { get; init; } = [];

    public IReadOnlyList<string> Remove { get; init; } = [];
}
