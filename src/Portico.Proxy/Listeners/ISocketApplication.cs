using System.Net.Security;
using Microsoft.AspNetCore.Http;

namespace Portico.Proxy.Listeners;

/// <summary>What a bound socket calls into: the request handler and the TLS certificate choice, both per socket.</summary>
public interface ISocketApplication
{
    /// <summary>Handles one request that arrived on <paramref name="socket"/>.</summary>
    Task HandleAsync(HttpContext context, SocketSpec socket);

    /// <summary>
    /// The TLS options for a new connection on a TLS socket, chosen by SNI from the table in force at handshake time
    /// (so a rotated certificate is served to new handshakes without rebinding). Null refuses the handshake.
    /// </summary>
    SslServerAuthenticationOptions? SelectTls(SocketSpec socket, string? serverName);
}
