using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace Portico.Bench.Loader;

/// <summary>
/// gRPC channels that each own one real HTTP/2 connection (their own handler, no extra connections), dialling the
/// target address while presenting any authority (so routes with hostnames match without DNS).
/// </summary>
internal static class Channels
{
    public static GrpcChannel Create(string target, string? authority)
    {
        var endpoint = IPEndPoint.Parse(target);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            EnableMultipleHttp2Connections = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var address = new Uri($"http://{authority ?? endpoint.Address.ToString()}:{endpoint.Port}");
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 16 << 20,
            MaxRetryAttempts = 0,
        });
    }
}
