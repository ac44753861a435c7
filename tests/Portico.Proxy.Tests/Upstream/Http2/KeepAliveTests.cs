using System.Net;
using System.Net.Sockets;
using Portico.Proxy.Upstream.Http2;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>Keep-alive PINGs find a backend that went silent.</summary>
public sealed class KeepAliveTests
{
    [Fact]
    public async Task ABusyConnectionWhosePingGoesUnansweredIsDroppedAndItsStreamsFail()
    {
        // A "server" that sends its SETTINGS and then reads everything without ever answering.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await socket.SendAsync(new byte[] { 0, 0, 0, Http2Protocol.Settings, 0, 0, 0, 0, 0 });
            var buffer = new byte[4096];
            try
            {
                while (await socket.ReceiveAsync(buffer) > 0)
                {
                }
            }
            catch (SocketException)
            {
                // Closed by a reset rather than a FIN: closed all the same.
            }
        });
        using var pool = new Http2ConnectionPool((IPEndPoint)listener.LocalEndpoint,
            new Http2ClientOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(100) });
        var connection = await pool.AcquireAsync(CancellationToken.None);
        var stream = new Http2Stream(connection);
        var headers = new Http2RequestHeaders();
        headers.Reset("POST", "http", "silent.local", "/");
        var block = new byte[64];
        connection.SendHeaders(stream, block.AsSpan(0, headers.Encode(ref block)), endStream: true, flush: true);

        await connection.Completion.WaitAsync(TimeSpan.FromSeconds(20)); // ping, no answer, next tick: dropped

        Assert.Equal(ReadState.Failed, stream.Poll());
        Assert.Contains("PING", stream.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.ConnectionCount);
        await serving.WaitAsync(TimeSpan.FromSeconds(20)); // the socket was closed
    }
}
