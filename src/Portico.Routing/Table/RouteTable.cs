using Portico.Routing.Backends;
namespace Portico.Routing.Table;

/// <summary>
/// The compiled-ready routing configuration: what the data plane serves. Immutable; a new table replaces the
/// old one atomically and calls in flight keep the table they started with. Carries no Gateway API types:
/// everything is already resolved (hostnames intersected, precedence sorted, references checked).
/// </summary>
public sealed record RouteTable
{
    public static RouteTable Empty { get; } = new();

    /// <summary>Programmable Gateway listeners, ordered by port, then id. Several may share one port.</summary>
    public IReadOnlyList<ListenerConfig> Listeners { get; set; } = [];

    /// <summary>Every backend a route or mirror refers to, ordered by id.</summary>
    public IReadOnlyList<BackendConfig> Backends { get; set; } = [];

    /// <summary>Every certificate a listener refers to, ordered by id.</summary>
    public IReadOnlyList<CertificateConfig> Certificates { get; set; } = [];
}
