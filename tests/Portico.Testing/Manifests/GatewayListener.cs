namespace Portico.Testing;

/// <summary>A Gateway listener. Use <see cref="Http"/>/<see cref="Https"/> and <c>with</c> for the rest.</summary>
/// <param name="Name">Section name of the listener.</param>
/// <param name="Protocol"><c>HTTP</c>, <c>HTTPS</c>, <c>TLS</c>, <c>TCP</c> or <c>UDP</c>.</param>
/// <param name="Port">Port the gateway binds (use <see cref="FreePorts"/>).</param>
public sealed record GatewayListener(string Name, string Protocol, int Port)
{
    public string? Hostname { get; init; }

    /// <summary>TLS certificate Secrets; emitted under <c>tls.certificateRefs</c> when not empty.</summary>
    public IReadOnlyList<SecretRef> CertificateRefs { get; init; } = [];

    /// <summary><c>Terminate</c> or <c>Passthrough</c>; emitted only with TLS settings.</summary>
    public string TlsMode { get; init; } = "Terminate";

    /// <summary><c>Same</c>, <c>All</c> or <c>Selector</c>; null leaves the field out (API default Same).</summary>
    public string? AllowedRoutesFrom { get; init; }

    /// <summary><c>matchLabels</c> of the namespace selector (with <see cref="AllowedRoutesFrom"/> = <c>Selector</c>).</summary>
    public IReadOnlyDictionary<string, string>? AllowedRoutesSelector { get; init; }

    /// <summary>Route kinds allowed, e.g. <c>GRPCRoute</c>; empty leaves the field out.</summary>
    public IReadOnlyList<string> AllowedKinds { get; init; } = [];

    public static GatewayListener Http(string name, int port, string? hostname = null) =>
        new(name, "HTTP", port) { Hostname = hostname };

    /// <summary>A terminating HTTPS listener using the TLS Secret <paramref name="certificateSecret"/>.</summary>
    public static GatewayListener Https(string name, int port, string certificateSecret, string? hostname = null) =>
        new(name, "HTTPS", port) { Hostname = hostname, CertificateRefs = [new SecretRef(certificateSecret)] };
}
