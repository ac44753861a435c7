namespace Portico.Model.GatewayApi;

public sealed class GatewayTlsConfig
{
    /// <summary><c>Terminate</c> (default) or <c>Passthrough</c>.</summary>
    public string Mode { get; init; } = "Terminate";

    public IReadOnlyList<SecretObjectReference> CertificateRefs { get; init; } = [];

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
