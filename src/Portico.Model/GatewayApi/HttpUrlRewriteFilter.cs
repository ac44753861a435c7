namespace Portico.Model.GatewayApi;

public sealed class HttpUrlRewriteFilter
{
    public string? Hostname { get; init; }

    public HttpPathModifier? Path { get; init; }
}
