using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Portico.Proxy.Backends;

/// <summary>
/// A live endpoint. Kept across table versions (by address and port) so that in-flight counts and connection
/// pools survive configuration changes.
/// </summary>
internal sealed class EndpointState(string address, int port, Admission.ForwardQueue? queue = null)
{
    /// <summary>Cap on cached request URIs per endpoint: gRPC paths are method names, so a handful in practice.</summary>
    private const int MaxCachedUris = 64;

    private readonly ConcurrentDictionary<string, Uri> _grpcUris = new(StringComparer.Ordinal);
    private int _outstanding;

    public string Address { get; } = address;

    public int Port { get; } = port;

    /// <summary>The forwarding queue of short calls to this endpoint; null when the queue is off.</summary>
    public Admission.ForwardQueue? Queue { get; } = queue;

    /// <summary><c>address:port</c> (IPv6 in brackets): the <c>:authority</c> when the request names none.</summary>
    public string Authority { get; } = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";

    /// <summary><c>http://address:port</c>, the YARP destination prefix.</summary>
    public string DestinationPrefix { get; } = address.Contains(':', StringComparison.Ordinal) ? $"http://[{address}]:{port}" : $"http://{address}:{port}";

    /// <summary>
    /// The upstream URI of a gRPC call to <paramref name="path"/>, built as YARP builds it and cached: parsing a
    /// <see cref="Uri"/> for every call was a visible share of the per-call CPU. Uris are immutable, so calls share them.
    /// </summary>
    public Uri GrpcUri(PathString path)
    {
        var key = path.Value ?? "/";
        if (_grpcUris.TryGetValue(key, out var uri))
        {
            return uri;
        }

        uri = RequestUtilities.MakeDestinationAddress(DestinationPrefix, path, QueryString.Empty);
        if (_grpcUris.Count < MaxCachedUris)
        {
            _grpcUris.TryAdd(key, uri);
        }

        return uri;
    }

    private Upstream.Http2.Http2ConnectionPool? _http2;
    private int _connectionsDisposed; // 1 once DisposeConnections ran

    /// <summary>
    /// The endpoint's h2c connections for the h2 forwarding path (<see cref="Forwarding.H2GrpcForwarder"/>), made on
    /// first use; closed when the endpoint is forgotten (<see cref="DisposeConnections"/>).
    /// </summary>
    public Upstream.Http2.Http2ConnectionPool Http2(Upstream.Http2.Http2ClientOptions options)
    {
        return Volatile.Read(ref _http2) ?? Create();

        Upstream.Http2.Http2ConnectionPool Create()
        {
            System.Net.EndPoint target = System.Net.IPAddress.TryParse(Address, out var ip)
                ? new System.Net.IPEndPoint(ip, Port)
                : new System.Net.DnsEndPoint(Address, Port);
            var pool = new Upstream.Http2.Http2ConnectionPool(target, options);
            var won = Interlocked.CompareExchange(ref _http2, pool, null);
            if (won is not null)
            {
                pool.Dispose();
                return won;
            }

            if (Volatile.Read(ref _connectionsDisposed) != 0)
            {
                // Made after the endpoint was forgotten (a call still routed by a draining table): it works for
                // that call, and its connections close after their last stream instead of living on unowned.
                pool.Dispose();
            }

            return pool;
        }
    }

    /// <summary>The endpoint was forgotten: idle connections close now, busy ones after their last stream.</summary>
    public void DisposeConnections()
    {
        Interlocked.Exchange(ref _connectionsDisposed, 1); // a full fence: a pool made concurrently is disposed by one side or both
        Volatile.Read(ref _http2)?.Dispose();
    }

    /// <summary>Requests in flight (least-request balancing).</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    public void Begin() => Interlocked.Increment(ref _outstanding);

    public void End() => Interlocked.Decrement(ref _outstanding);
}
