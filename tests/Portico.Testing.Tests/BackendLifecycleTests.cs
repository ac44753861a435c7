using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.Testing.Tests;

public sealed class BackendLifecycleTests
{
    [Fact]
    public async Task Backends_start_in_parallel_with_distinct_ports()
    {
        var backends = await TestBackend.StartManyAsync("v1", "v2", "v3");
        try
        {
            Assert.Equal(["v1", "v2", "v3"], backends.Select(b => b.Name));
            Assert.Equal(3, backends.Select(b => b.Port).Distinct().Count());
            Assert.All(backends, b => Assert.Equal("127.0.0.1", b.Address.ToString()));
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Abort_kills_open_calls_and_a_backend_restarts_on_its_port()
    {
        var backend = await TestBackend.StartAsync("v1");
        var port = backend.Port;
        using var channel = GrpcClients.CreateChannel(port);
        var slow = GrpcClients.Echo(channel).UnaryAsync(new EchoRequest { SleepMs = 10_000 });
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1);
        Assert.Equal(1, backend.OpenConnections);

        await backend.AbortAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await slow);
        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        await backend.DisposeAsync();

        await using var again = await TestBackend.StartAsync("v1-again", new TestBackendOptions { Port = port });
        Assert.Equal(port, again.Port);
        Assert.Equal("v1-again", (await GrpcClients.Echo(channel).UnaryAsync(new EchoRequest())).Server);
    }

    [Fact]
    public async Task Graceful_stop_lets_in_flight_calls_finish()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        var call = GrpcClients.Echo(channel).UnaryAsync(new EchoRequest { SleepMs = 300 });
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1);

        await backend.StopAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("v1", (await call).Server);
    }

    [Fact]
    public async Task Non_loopback_addresses_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            TestBackend.StartAsync("x", new TestBackendOptions { Address = System.Net.IPAddress.Any }));
        Assert.Throws<ArgumentException>(() =>
            GrpcClients.CreateChannel(new ClientTarget(1) { ConnectAddress = System.Net.IPAddress.Parse("10.0.0.1") }));
    }

    [Fact]
    public async Task Request_log_records_targets_and_reset_clears_it()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var client = TestHttpClients.H2c(backend.Port, "log.example");

        (await client.GetAsync("/a?b=c")).Dispose();

        var logged = Assert.Single(backend.Requests);
        Assert.Equal("/a?b=c", logged.Target);
        Assert.Equal("GET", logged.Method);
        Assert.False(logged.IsGrpc);
        Assert.Equal($"log.example:{backend.Port}", logged.Authority);
        Assert.Equal(1, backend.ConnectionsAccepted);

        backend.ResetCounters();

        Assert.Empty(backend.Requests);
        Assert.Equal(0, backend.CallsReceived);
    }
}
