using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.LoadBalancing;

/// <summary>Endpoint choice inside one Service: round robin, per call, ready endpoints only (issue item 8).</summary>
[Collection(BalancingCollection.Name)]
public sealed class EndpointBalancingTests(BalancingFixture fixture)
{
    [Fact]
    public async Task RoundRobinOverThreeEndpointsIsEvenAndSkipsTheNotReadyOne()
    {
        var before = fixture.RoundRobin.Select(b => b.CallsReceived).ToArray();
        var client = new Echo.EchoClient(fixture.Channel("rr.example.com"));

        var servers = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            servers.Add((await client.UnaryAsync(new EchoRequest())).Server);
        }

        Assert.Equal(["rr1", "rr2", "rr3"], servers.Distinct().Order());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(10, servers.Count(s => s == fixture.RoundRobin[i].Name));
            Assert.Equal(before[i] + 10, fixture.RoundRobin[i].CallsReceived);
        }

        Assert.Equal(0, fixture.NotReady.CallsReceived);
    }

    [Fact]
    public async Task CallsOnOneClientConnectionAreSpreadAcrossEndpoints()
    {
        var connections = 0;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, token) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, fixture.Port), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var channel = GrpcChannel.ForAddress($"http://rr.example.com:{fixture.Port}", new GrpcChannelOptions { HttpHandler = handler });
        var client = new Echo.EchoClient(channel);
        var before = fixture.RoundRobin.Select(b => b.CallsReceived).ToArray();

        await client.UnaryAsync(new EchoRequest()); // opens the connection
        var replies = await Task.WhenAll(Enumerable.Range(0, 59).Select(_ => client.UnaryAsync(new EchoRequest()).ResponseAsync));

        Assert.Equal(1, connections);
        Assert.Equal(3, replies.Select(r => r.Server).Distinct().Count());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(before[i] + 20, fixture.RoundRobin[i].CallsReceived);
        }

        Assert.Equal(0, fixture.NotReady.CallsReceived);
    }
}
