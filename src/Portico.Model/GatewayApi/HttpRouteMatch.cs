namespace Portico.Model.GatewayApi;

public sealed class HttpRouteMatch
{
    public HttpPathMatch? Path { get; init; } = new();

    public IReadOnlyList<HttpHeaderMatch> Headers { get; init; } = [];

    public IReadOnlyList<HttpQueryParamMatch> QueryParams { get; init; } = [];

    public string? Method { get; init; }
}
