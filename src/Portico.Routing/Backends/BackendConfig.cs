using System.Text.Json.Serialization;

namespace Portico.Routing.Backends;

/// <summary>A backend: one Service port, the protocol to speak to it, and its endpoints.</summary>
public sealed record BackendConfig
{
    /// <summary><c>service/{namespace}/{name}/port/{port}/{protocol}</c>.</summary>
    public string Id { get; set; } = string.Empty;

    public BackendProtocol Protocol { get; init; }

    /// <summary>Ready and not-ready endpoints; only ready ones get traffic.</summary>
    public IReadOnlyList<EndpointConfig> Endpoints { get; set; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<BackendProtocol>))]
public enum BackendProtocol
{
    /// <summary>HTTP/1.1 over cleartext.</summary>
    Http1,

    /// <summary>HTTP/2 with prior knowledge over cleartext (gRPC backends).</summary>
    H2c,
}
