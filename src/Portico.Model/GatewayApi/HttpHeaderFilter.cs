namespace Portico.Model.GatewayApi;

/// <summary><c>RequestHeaderModifier</c>/<c>ResponseHeaderModifier</c>: set, add (append), remove.</summary>
public sealed class HttpHeaderFilter
{
    public IReadOnlyList<HttpHeader> Set { get; set; } = [];

    public IReadOnlyList<HttpHeader> Add { get; set; } = [];

    public IReadOnlyList<string> Remove { get; set; } = [];
}
