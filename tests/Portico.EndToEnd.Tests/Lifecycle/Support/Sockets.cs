using System.Net;
using System.Net.Sockets;

namespace Portico.EndToEnd.Tests.Lifecycle.Support;

internal static class Sockets
{
    /// <summary>
    /// Tries a TCP connection to 127.0.0.1:<paramref name="port"/>: true if accepted, false if refused. Anything else
    /// (a reset or a timeout, as when the probe races a listening socket being closed and its SYN is dropped) throws,
    /// so callers racing a close should retry with <see cref="Portico.Testing.Eventually"/> and a short timeout.
    /// </summary>
    public static async Task<bool> AcceptsAsync(int port, TimeSpan? timeout = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
