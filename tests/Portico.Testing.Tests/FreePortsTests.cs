using System.Net;
using System.Net.Sockets;

namespace Portico.Testing.Tests;

public sealed class FreePortsTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_never_repeated()
    {
        var first = FreePorts.Take(5);
        var second = FreePorts.Take(5);

        Assert.Equal(10, first.Concat(second).Distinct().Count());
        foreach (var port in first)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    [Fact]
    public void A_listening_port_is_not_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.False(FreePorts.IsFree(((IPEndPoint)listener.LocalEndpoint).Port));
    }
}
