namespace Portico.Model.GatewayApi;

public sealed class Fraction
{
    public int Numerator { get; init; }

    public int Denominator { get; set; } = 100;
}
