namespace Portico.Model.GatewayApi;

public sealed class HttpRequestMirrorFilter
{
    public BackendObjectReference BackendRef { get; set; } = new();

    public int? Percent { get; init; }

    public Fraction? Fraction { get; init; }
}
