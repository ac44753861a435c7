namespace Portico.Proxy.Backends;

/// <summary>
/// A live endpoint. Kept across table versions (by address and port) so that in-flight counts and connection
/// pools survive configuration changes.
/// </summary>
internal sealed class EndpointState(string address, int port)
{
    private int _outstanding;

    public string Address { get; } = address;

    public int Port { get; } = port;

    /// <summary><c>http://address:port</c>, the YARP destination prefix.</summary>
    public string DestinationPrefix { get; } = address.Contains(':', StringComparison.Ordinal) ? $"http://[{address}]:{port}" : $"http://{address}:{port}";

    /// <summary>Requests in flight (least-request balancing).</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    public void Begin() => Interlocked.Increment(ref _outstanding);

    public void End() => Interlocked.Decrement(ref _outstanding);
}
