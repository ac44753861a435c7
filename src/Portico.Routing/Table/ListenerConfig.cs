using System.Text.Json.Serialization;

namespace Portico.Routing.Table;

/// <summary>
/// One Gateway listener. Listeners that share an address and port share one socket; the data plane picks the
/// listener by SNI/Host (exact hostname, then the longest wildcard, then the one without hostname) and serves
/// only that listener's routes (listener isolation).
/// </summary>
public sealed record ListenerConfig
{
    /// <summary><c>gateway/{namespace}/{name}/listener/{listener}</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary><c>{namespace}/{name}</c> of the Gateway.</summary>
    public string Gateway { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>IP addresses to bind (the Gateway's IPAddress addresses, or the default address).</summary>
    public IReadOnlyList<string> Addresses { get; set; } = [];

    public int Port { get; init; }

    public ListenerProtocol Protocol { get; init; }

    /// <summary>The listener's hostname (exact or <c>*.</c> wildcard); null matches any host.</summary>
    public string? Hostname { get; init; }

    /// <summary>Certificates for TLS termination (HTTPS), by <see cref="CertificateConfig.Id"/>; the first is served.</summary>
    public IReadOnlyList<string> CertificateIds { get; set; } = [];

    /// <summary>Virtual hosts in match order: exact hostnames, then wildcards longest first, then <c>*</c>.</summary>
    public IReadOnlyList<VirtualHostConfig> VirtualHosts { get; set; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<ListenerProtocol>))]
public enum ListenerProtocol
{
    /// <summary>Cleartext: HTTP/1.1 and h2c with prior knowledge on one port.</summary>
    Http,

    /// <summary>TLS termination; ALPN h2 and http/1.1.</summary>
    Https,
}
