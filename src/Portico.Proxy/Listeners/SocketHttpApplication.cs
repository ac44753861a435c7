using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portico.Proxy.Listeners;

/// <summary>
/// The request entry point of one socket's Kestrel server: builds the <see cref="HttpContext"/>, fixes up the
/// scheme, and hands the request to the <see cref="ISocketApplication"/> together with the socket it arrived on.
/// </summary>
internal sealed class SocketHttpApplication(ISocketApplication application, SocketSpec socket, IHttpContextFactory contextFactory)
    : IHttpApplication<HttpContext>
{
    // The socket decides the scheme, not the client: on cleartext sockets AllowAlternateSchemes makes Kestrel take
    // h2c requests' scheme from the client's :scheme pseudo-header, which must not leak into X-Forwarded-Proto or
    // redirects.
    private readonly string _scheme = socket.Tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;

    public HttpContext CreateContext(IFeatureCollection contextFeatures) => contextFactory.Create(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context)
    {
        context.Request.Scheme = _scheme;
        return application.HandleAsync(context, socket);
    }

    public void DisposeContext(HttpContext context, Exception? exception) => contextFactory.Dispose(context);
}
