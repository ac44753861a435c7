using Portico.Proxy.Backends;
using Portico.Proxy.Upstream.Http2;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>An endpoint's h2c connections live as long as the endpoint: forgotten endpoints close them.</summary>
public sealed class EndpointConnectionsTests
{
    [Fact]
    public async Task ForgettingAnEndpointClosesItsIdleConnections()
    {
        await using var server = await TestH2Server.StartAsync(_ => Task.CompletedTask);
        var registry = new EndpointRegistry();
        var endpoint = registry.Get("127.0.0.1", server.Port);
        registry.Sweep(); // asked for since the last sweep: kept
        var pool = endpoint.Http2(new Http2ClientOptions());
        Assert.Same(pool, endpoint.Http2(new Http2ClientOptions()));
        var connection = await pool.AcquireAsync(CancellationToken.None);
        connection.Unreserve();
        Assert.Equal(1, pool.ConnectionCount);

        registry.Sweep(); // not asked for since: forgotten

        Assert.Equal(0, registry.Count);
        Assert.True(connection.IsClosed);
        Assert.Equal(0, pool.ConnectionCount);
    }

    [Fact]
    public async Task AForgottenEndpointsBusyConnectionClosesAfterItsLastStream()
    {
        await using var server = await TestH2Server.StartAsync(_ => Task.CompletedTask);
        var registry = new EndpointRegistry();
        var endpoint = registry.Get("127.0.0.1", server.Port);
        var connection = await endpoint.Http2(new Http2ClientOptions()).AcquireAsync(CancellationToken.None); // a stream slot in use

        registry.Sweep();
        registry.Sweep();

        Assert.False(connection.IsClosed); // a draining table's call still uses it
        connection.Unreserve(); // the last slot: the close is queued to the thread pool

        await connection.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(connection.IsClosed);
    }

    [Fact]
    public async Task ConnectionsMadeForAnEndpointAlreadyForgottenCloseAfterTheirLastStream()
    {
        await using var server = await TestH2Server.StartAsync(_ => Task.CompletedTask);
        var registry = new EndpointRegistry();
        var endpoint = registry.Get("127.0.0.1", server.Port);
        registry.Sweep();
        registry.Sweep(); // forgotten before its h2c pool was ever made

        var connection = await endpoint.Http2(new Http2ClientOptions()).AcquireAsync(CancellationToken.None); // a draining table's call
        Assert.False(connection.IsClosed);
        connection.Unreserve();

        await connection.Completion.WaitAsync(TimeSpan.FromSeconds(20)); // not left open with nobody to close it
        Assert.True(connection.IsClosed);
    }
}
