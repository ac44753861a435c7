using System.Net;
using System.Net.Sockets;
using Portico.Proxy.Upstream.Http2;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>
/// Faults of Portico's h2c client that are not the peer's protocol errors: a reader loop that fails on an unexpected
/// exception (a bug, injected through <see cref="Http2Connection.OnFrameForTests"/>) fails its streams and leaves
/// the pool; a peer that accepts TCP but never sends SETTINGS fails the connect after ConnectTimeout and gets its
/// socket closed; a refused connect fails at once and leaves nothing in the pool.
/// </summary>
public sealed class Http2ConnectionFaultTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private const byte Ping = 0x6;

    [Fact]
    public async Task ReaderFailingOnAnUnexpectedExceptionFailsItsStreamsAndLeavesThePool()
    {
        await using var server = new RawH2Server();
        var (pool, connection, stream, _) = await Http2ProtocolErrorTests.OpenAsync(server);
        using var disposePool = pool;
        Assert.Equal(1, pool.ConnectionCount);

        var bug = new InvalidOperationException("injected reader bug");
        connection.OnFrameForTests = type =>
        {
            if (type == Ping)
            {
                throw bug;
            }
        };
        // The stream waits for its response headers, as the forwarder does, while the reader takes the PING.
        var waiting = Task.Run(async () =>
        {
            while (!stream.TryGetHeaders())
            {
                await stream.WaitAsync();
            }
        });
        await server.SendAsync(Ping, 0, 0, new byte[8]);

        var e = await Assert.ThrowsAsync<Http2Exception>(() => waiting.WaitAsync(Generous));
        Assert.Contains("reader failed", e.Message, StringComparison.Ordinal);
        Assert.Same(bug, e.InnerException);
        Assert.Equal(ReadState.Failed, stream.Poll());
        await connection.Completion.WaitAsync(Generous); // the streams fail first; the pool hears of the close before this completes
        Assert.Equal(0, pool.ConnectionCount);
        Assert.False(connection.TryReserve()); // and nobody gets a slot on it
    }

    [Fact]
    public async Task PeerThatNeverSendsSettingsFailsTheConnectAndGetsItsSocketClosed()
    {
        using var listener = Listen();
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var options = new Http2ClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500) };
        using var pool = new Http2ConnectionPool(endpoint, options);

        var acquiring = pool.AcquireAsync(CancellationToken.None).AsTask();
        using var peer = await listener.AcceptAsync().WaitAsync(Generous);
        // Take what the client sends (preface, SETTINGS, WINDOW_UPDATE) and answer nothing; then the client must close.
        var closedByClient = ReadToEndAsync(peer);

        var e = await Assert.ThrowsAsync<Http2Exception>(() => acquiring.WaitAsync(Generous));
        Assert.Contains($"no SETTINGS from {endpoint} within ", e.Message, StringComparison.Ordinal);
        Assert.True(e.Retryable);
        Assert.Equal(0, pool.ConnectionCount);
        var received = await closedByClient.WaitAsync(Generous); // EOF: the client's socket was shut down and closed
        Assert.True(received >= 24, $"the client sent {received} bytes before closing, not even its preface");
    }

    [Fact]
    public async Task ConnectionThatNeverGetsSettingsIsAbortedByConnectAsync()
    {
        using var listener = Listen();
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var options = new Http2ClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500) };
        var closed = new TaskCompletionSource<Http2Connection>(TaskCreationOptions.RunContinuationsAsynchronously);

        var connecting = Http2Connection.ConnectAsync(endpoint, options, c => closed.TrySetResult(c), CancellationToken.None);
        using var peer = await listener.AcceptAsync().WaitAsync(Generous);
        var closedByClient = ReadToEndAsync(peer);

        var e = await Assert.ThrowsAsync<Http2Exception>(() => connecting.WaitAsync(Generous));
        Assert.StartsWith("no SETTINGS from", e.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(e.InnerException);
        var connection = await closed.Task.WaitAsync(Generous); // the connection was aborted, not left reading
        Assert.False(connection.TryReserve());
        await closedByClient.WaitAsync(Generous);
    }

    [Fact]
    public async Task RefusedConnectFailsWithoutWaitingForTheConnectTimeout()
    {
        int port;
        using (var probe = Listen())
        {
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        // A connect timeout far beyond the wait below: only the refusal can end the connect in time.
        var options = new Http2ClientOptions { ConnectTimeout = TimeSpan.FromMinutes(5) };
        using var pool = new Http2ConnectionPool(new IPEndPoint(IPAddress.Loopback, port), options);

        var e = await Assert.ThrowsAsync<SocketException>(() => pool.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Generous));
        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        Assert.Equal(0, pool.ConnectionCount);

        // The failure is not kept: the next caller tries again (and is refused again).
        var again = await Assert.ThrowsAsync<SocketException>(() => pool.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Generous));
        Assert.Equal(SocketError.ConnectionRefused, again.SocketErrorCode);
    }

    [Fact]
    public async Task ASocketConnectedToItselfIsToldFromARealConnection()
    {
        int port;
        using (var probe = Listen())
        {
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        // Nothing listens on the port; a socket bound to it and connected to it meets its own SYN (what the kernel
        // may do by itself when it picks the destination port as an ephemeral source port).
        using var self = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        self.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        self.Bind(new IPEndPoint(IPAddress.Loopback, port));
        await self.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Generous);
        Assert.True(Http2Connection.IsConnectedToItself(self));

        using var listener = Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)listener.LocalEndPoint!).WaitAsync(Generous);
        Assert.False(Http2Connection.IsConnectedToItself(client));
    }

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return listener;
    }

    /// <summary>Reads until the client closes its side; returns the bytes it sent.</summary>
    private static async Task<int> ReadToEndAsync(Socket peer)
    {
        var buffer = new byte[4096];
        var total = 0;
        while (true)
        {
            var read = await peer.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return total;
            }

            total += read;
        }
    }
}
