namespace Portico.Routing.Actions;

/// <summary>Send a copy of <see cref="Numerator"/>/<see cref="Denominator"/> of requests to a backend; its reply is ignored.</summary>
public sealed record MirrorPolicy
{
    public string BackendId { get; set; } = string.Empty;

    public int Numerator { get; set; } = 100;

    public int Denominator { get; set; } = 100;
}
