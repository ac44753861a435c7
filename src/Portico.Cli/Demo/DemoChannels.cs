using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Portico.Cli.Demo;

/// <summary>
/// gRPC channels the way the guide's grpcurl calls reach the gateway without DNS: the TCP connection goes to the
/// listener's address, while the URL's host, <paramref name="host"/>, becomes the <c>:authority</c> and the TLS
/// server name (SNI), and the server's certificate must chain to one of the trusted certificates (the demo CA).
/// </summary>
internal static class DemoChannels
{
    public static GrpcChannel Create(ListenerTarget target, string host, X509Certificate2Collection trusted)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trusted);
        var handler = new SocketsHttpHandler { ConnectCallback = (_, token) => ConnectAsync(target.EndPoint, token) };
        if (target.UsesTls)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(trusted);
            handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
        }

        var address = new UriBuilder(target.UsesTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, host, target.EndPoint.Port).Uri;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>A cleartext (h2c) channel straight to a sample instance.</summary>
    public static GrpcChannel Direct(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return GrpcChannel.ForAddress(new UriBuilder(Uri.UriSchemeHttp, endPoint.Address.ToString(), endPoint.Port).Uri);
    }

    private static async ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
