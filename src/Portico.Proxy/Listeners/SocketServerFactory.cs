using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portico.Proxy.Listeners;

/// <summary>Builds the Kestrel server for one socket, with the options, connection middleware and TLS callback it needs.</summary>
internal sealed class SocketServerFactory : IAsyncDisposable
{
    private readonly ISocketApplication _application;
    private readonly ListenerManagerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly WebApplication _kestrelHost;
    private readonly IHttpContextFactory _contextFactory;

    public SocketServerFactory(ISocketApplication application, ListenerManagerOptions options, ILoggerFactory loggerFactory,
        ILogger logger, IServiceProvider? requestServices)
    {
        _application = application;
        _options = options;
        _loggerFactory = new KestrelLoggerFactory(loggerFactory);
        _logger = logger;

        // Kestrel's UseHttps resolves ILoggerFactory and its internal KestrelMetrics from the server options'
        // ApplicationServices; only a web host that registered Kestrel provides the latter. An empty, never-started
        // host is the public way to get one, whatever kind of container (if any) the caller has.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton(_loggerFactory);
        _kestrelHost = builder.Build();

        // Request services come from the caller's container when it has one, so handlers can resolve their own services.
        _contextFactory = new DefaultHttpContextFactory(requestServices ?? _kestrelHost.Services);
    }

    public KestrelServer CreateServer(SocketSpec socket, IPAddress address)
    {
        var kestrel = new KestrelServerOptions
        {
            ApplicationServices = _kestrelHost.Services,
            AddServerHeader = false,
            // Needed by the h2c sniffing (see H2cPrefaceMiddleware); the scheme is normalized per request anyway.
            AllowAlternateSchemes = !socket.Tls,
        };
        var limits = kestrel.Limits;
        limits.MaxConcurrentConnections = _options.MaxConcurrentConnections;
        // The proxy streams bodies; any size limit is a route policy enforced while forwarding, not a socket one.
        limits.MaxRequestBodySize = null;
        limits.KeepAliveTimeout = _options.KeepAliveTimeout;
        limits.RequestHeadersTimeout = _options.RequestHeadersTimeout;
        limits.MaxRequestHeadersTotalSize = _options.MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = _options.MaxRequestHeaderCount;
        limits.Http2.MaxStreamsPerConnection = _options.MaxStreamsPerConnection;
        limits.Http2.KeepAlivePingDelay = _options.KeepAlivePingDelay;
        limits.Http2.KeepAlivePingTimeout = _options.KeepAlivePingTimeout;
        // Deliberately untouched: Kestrel has no per-request or per-stream idle timeout. KeepAliveTimeout only runs
        // while a connection has no request or stream in flight, MinRequestBodyDataRate only while the application
        // is reading a body (YARP switches it off for gRPC) and MinResponseDataRate only while a write is blocked on
        // a client that does not read. A quiet stream with a live client (answering pings) is therefore kept for as
        // long as the application keeps it; no request-timeout middleware is installed here.

        kestrel.Listen(address, socket.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            if (socket.Tls)
            {
                // ApplicationProtocols stays null in what SelectTls returns, so Kestrel offers ALPN h2 and http/1.1.
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    HandshakeTimeout = _options.TlsHandshakeTimeout,
                    OnConnection = context => ValueTask.FromResult(SelectTls(socket, context.ClientHelloInfo.ServerName)),
                });
            }
            else
            {
                listen.Use(next => new H2cPrefaceMiddleware(next, _options.PrefaceTimeout, _logger).OnConnectionAsync);
            }
        });

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), _loggerFactory);
        return new KestrelServer(Options.Create(kestrel), transport, _loggerFactory);
    }

    public IHttpApplication<HttpContext> CreateApplication(SocketSpec socket) =>
        new SocketHttpApplication(_application, socket, _contextFactory);

    public ValueTask DisposeAsync() => _kestrelHost.DisposeAsync();

    private SslServerAuthenticationOptions SelectTls(SocketSpec socket, string? serverName)
    {
        SslServerAuthenticationOptions? selected;
        try
        {
            selected = _application.SelectTls(socket, serverName);
        }
        catch (Exception exception)
        {
            ListenerLog.TlsSelectionFailed(_logger, serverName, socket.Key, exception);
            throw new AuthenticationException($"Could not choose a certificate for '{serverName}'.", exception);
        }

        if (selected is null)
        {
            // Kestrel treats an AuthenticationException from the callback as a failed handshake: the connection
            // is closed and the event logged at Debug, not as a server error.
            ListenerLog.TlsNoCertificate(_logger, serverName, socket.Key);
            throw new AuthenticationException($"No certificate for server name '{serverName}'.");
        }

        if (selected is { ServerCertificate: null, ServerCertificateContext: null, ServerCertificateSelectionCallback: null })
        {
            // SslStream would throw NotSupportedException for these, which Kestrel logs as an unhandled error
            // for every connection; refuse the handshake the same way as for an unknown name instead.
            ListenerLog.TlsOptionsWithoutCertificate(_logger, serverName, socket.Key);
            throw new AuthenticationException($"The TLS options for '{serverName}' have no certificate.");
        }

        return selected;
    }
}
