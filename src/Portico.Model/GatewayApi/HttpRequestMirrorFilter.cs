namespace Portico.Model.GatewayApi;

public sealed class HttpRequestMirrorFilter
{
    public BackendObjectReference BackendRef { get; init; } = new();

    public int? Percent { get; init; }

    public Fraction? Fraction { get; init; }
}
