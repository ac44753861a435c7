using System.Net;
using System.Net.Sockets;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

public sealed class ReconcileTests
{
    [Fact]
    public async Task Adding_a_socket_leaves_the_existing_one_and_its_in_flight_request_alone()
    {
        await using var harness = new ListenerHarness();
        var (portA, portB) = (TestPorts.Free(), TestPorts.Free());
        await harness.BindAsync(ListenerHarness.Cleartext(portA));
        var serverA = await harness.Manager.GetServerAsync($"127.0.0.1:{portA}");
        using var client = TestClients.Cleartext(HttpVersion.Version20);
        var slow = client.GetStringAsync(new Uri($"http://127.0.0.1:{portA}/slow/1500"));
        Assert.True(await harness.Application.SlowStarted.WaitAsync(TimeSpan.FromSeconds(5)));

        await harness.BindAsync(ListenerHarness.Cleartext(portA), ListenerHarness.Tls(portB), ListenerHarness.Cleartext(portA));

        Assert.Same(serverA, await harness.Manager.GetServerAsync($"127.0.0.1:{portA}"));
        Assert.NotNull(await harness.Manager.GetServerAsync($"127.0.0.1:{portB}"));
        Assert.False(await TestPorts.IsRefusedAsync(portB));
        Assert.Equal("done", await slow);
    }

    [Fact]
    public async Task A_port_in_use_is_reported_without_throwing_and_bound_once_it_is_free()
    {
        await using var harness = new ListenerHarness();
        var freePort = TestPorts.Free();
        var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        blocker.Listen();
        var busyPort = ((IPEndPoint)blocker.LocalEndPoint!).Port;
        var sockets = new[] { ListenerHarness.Cleartext(freePort), ListenerHarness.Tls(busyPort) };

        var errors = await harness.ReconcileAsync(sockets);

        var error = Assert.Single(errors);
        Assert.Equal($"127.0.0.1:{busyPort}", error.Key);
        Assert.Equal($"127.0.0.1:{busyPort}: address already in use", error.Value);
        using var client = TestClients.Cleartext(HttpVersion.Version11);
        Assert.StartsWith("HTTP/1.1|", await client.GetStringAsync(new Uri($"http://127.0.0.1:{freePort}/echo")), StringComparison.Ordinal);

        blocker.Dispose();
        Assert.Empty(await harness.ReconcileAsync(sockets));
        Assert.NotNull(await harness.Manager.GetServerAsync($"127.0.0.1:{busyPort}"));
    }

    [Fact]
    public async Task Switching_tls_on_rebinds_the_same_port()
    {
        await using var harness = new ListenerHarness();
        using var certificate = TestCertificates.Create("a.test");
        harness.Application.Tls["a.test"] = TestCertificates.ServerOptions(certificate);
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        var cleartextServer = await harness.Manager.GetServerAsync($"127.0.0.1:{port}");

        await harness.BindAsync(ListenerHarness.Tls(port));

        Assert.NotSame(cleartextServer, await harness.Manager.GetServerAsync($"127.0.0.1:{port}"));
        using var client = TestClients.Tls(port, HttpVersion.Version20);
        Assert.StartsWith("HTTP/2|https|", await client.GetStringAsync(new Uri($"https://a.test:{port}/echo")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_and_conflicting_sockets_are_reported_and_not_bound()
    {
        await using var harness = new ListenerHarness();
        var port = TestPorts.Free();

        var errors = await harness.ReconcileAsync(
            new SocketSpec("not-an-ip", 8080, Tls: false),
            new SocketSpec("127.0.0.1", 0, Tls: false),
            ListenerHarness.Cleartext(port),
            ListenerHarness.Tls(port),
            new SocketSpec("127.0.0.1", 70000, Tls: true));

        Assert.Equal("not-an-ip:8080: not an IP address", errors["not-an-ip:8080"]);
        Assert.Equal("127.0.0.1:0: port must be between 1 and 65535", errors["127.0.0.1:0"]);
        Assert.Equal($"127.0.0.1:{port}: requested both with and without TLS", errors[$"127.0.0.1:{port}"]);
        Assert.Equal(4, errors.Count);
        Assert.True(await TestPorts.IsRefusedAsync(port));
    }

    [Fact]
    public async Task Reconcile_after_dispose_throws_object_disposed()
    {
        var harness = new ListenerHarness();
        await harness.DisposeAsync();
        await harness.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.ReconcileAsync());
    }
}
