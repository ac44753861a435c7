using System.Diagnostics;
using System.Net;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// The one upstream client. <see cref="SocketsHttpHandler"/> keeps a connection pool per endpoint, so one handler
/// serves every backend and every table version (connections survive configuration changes). HTTP/2 connections
/// are multiplexed; more are opened when a connection's stream limit is reached. <see cref="UpstreamFlushHandler"/>
/// sits in front of it to defer YARP's per-write flushes of gRPC calls.
/// </summary>
internal static class UpstreamClient
{
    public static HttpMessageInvoker Create(ProxyOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        return new HttpMessageInvoker(new UpstreamFlushHandler(handler), disposeHandler: true);
    }
}
