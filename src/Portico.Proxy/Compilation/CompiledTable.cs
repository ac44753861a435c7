using Portico.Proxy.Backends;
using Portico.Routing.Table;

namespace Portico.Proxy.Compilation;

/// <summary>A route table compiled for serving. Immutable; swapped atomically as a whole.</summary>
internal sealed class CompiledTable(RouteTable source, long version, Dictionary<string, CompiledSocket> sockets, Dictionary<string, BackendPool> backends)
{
    public static CompiledTable Empty { get; } = new(RouteTable.Empty, 0, [], []);

    public RouteTable Source { get; } = source;

    public long Version { get; } = version;

    /// <summary>By <see cref="Listeners.SocketSpec.Key"/>.</summary>
    public IReadOnlyDictionary<string, CompiledSocket> Sockets { get; } = sockets;

    public IReadOnlyDictionary<string, BackendPool> Backends { get; } = backends;
}
