namespace Portico.Model.GatewayApi;

public sealed class HttpHeader
{
    public string Name { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;
}
