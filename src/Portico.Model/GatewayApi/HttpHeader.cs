namespace Portico.Model.GatewayApi;

public sealed class HttpHeader
{
    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
