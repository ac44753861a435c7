namespace Portico.Model.GatewayApi;

public sealed class HttpRouteMatch
{
    public HttpPathMatch? Path { get; set; } = new();

    public IReadOnlyList<HttpHeaderMatch> Headers { get; set; } = [];

    public IReadOnlyList<HttpQueryParamMatch> QueryParams { get; set; } = [];

    public string? Method { get; init; }
}
