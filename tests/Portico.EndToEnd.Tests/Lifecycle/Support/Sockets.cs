using System.Net;
using System.Net.Sockets;

namespace Portico.EndToEnd.Tests.Lifecycle.Support;

internal static class Sockets
{
    /// <summary>Tries a TCP connection to 127.0.0.1:<paramref name="port"/>: true if accepted, false if refused.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
