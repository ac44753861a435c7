namespace Portico.Model.GatewayApi;

public sealed class GatewayTlsConfig
{
    /// <summary><c>Terminate</c> (default) or <c>Passthrough</c>.</summary>
    public string Mode { get; set; } = "Terminate";

    public IReadOnlyList<SecretObjectReference> CertificateRefs { get; set; } = [];

    public IReadOnlyDictionary<string, string> Options { get; set; } = new Dictionary<string, string>();
}
