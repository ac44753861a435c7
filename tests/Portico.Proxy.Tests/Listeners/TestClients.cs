using System.Net;
using System.Net.Sockets;

namespace Portico.Proxy.Tests.Listeners;

/// <summary>HttpClients for the listener tests: one fresh connection pool each, exact protocol versions.</summary>
internal static class TestClients
{
    public static HttpClient Cleartext(Version version) => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = version,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>
    /// A TLS client that connects every host name to 127.0.0.1:<paramref name="port"/> while keeping the name for SNI,
    /// accepts any certificate and reports the thumbprint it was shown.
    /// </summary>
    public static HttpClient Tls(int port, Version version, Action<string>? onServerCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is not null)
            {
                onServerCertificate?.Invoke(certificate.GetCertHashString());
            }

            return true;
        };
        return new HttpClient(handler)
        {
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(15),
        };
    }
}
