using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Lifecycle.Support;

/// <summary>
/// A gRPC channel to 127.0.0.1:port that counts the TCP connections it opens and, with TLS, records the thumbprint
/// of every server certificate it is shown (accepting any), so a test can tell whether a connection was replaced.
/// </summary>
internal sealed class ObservedChannel : IDisposable
{
    private int _connections;

    public ObservedChannel(int port, string host, bool tls = false)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken);
                    Interlocked.Increment(ref _connections);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (tls)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    Thumbprints.Enqueue(certificate is X509Certificate2 c ? c.Thumbprint : new X509Certificate2(certificate!).Thumbprint);
                    return true;
                },
            };
        }

        Channel = GrpcChannel.ForAddress($"{(tls ? "https" : "http")}://{host}:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        Client = new Echo.EchoClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public Echo.EchoClient Client { get; }

    /// <summary>TCP connections opened so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Server certificate thumbprints (SHA-1 hex), one per TLS handshake, in order.</summary>
    public ConcurrentQueue<string> Thumbprints { get; } = new();

    public void Dispose() => Channel.Dispose();
}
