using System.Net;
using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Errors;

/// <summary>
/// What clients see when the gateway cannot forward: gRPC statuses as trailers-only replies, HTTP status codes for
/// HTTP requests (issue item 6).
/// </summary>
public sealed class ErrorMappingTests(ErrorsFixture fixture) : IClassFixture<ErrorsFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("nothing", StatusCode.Unimplemented, "no route")]
    [InlineData("missing", StatusCode.Unavailable, "BackendNotFound")]
    [InlineData("nobackends", StatusCode.Unimplemented, "no backendRefs")]
    [InlineData("unready", StatusCode.Unavailable, "no ready endpoint")]
    [InlineData("extref", StatusCode.Internal, "Magic sparkle")]
    [InlineData("closed", StatusCode.Unavailable, "refused")]
    public async Task GrpcFailureStatusAndMessage(string host, StatusCode expected, string messagePart)
    {
        var client = new Echo.EchoClient(fixture.Channel($"{host}.example.com"));

        var e = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(expected, e.StatusCode);
        Assert.Contains(messagePart, e.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("nothing", 12)]
    [InlineData("missing", 14)]
    [InlineData("nobackends", 12)]
    [InlineData("unready", 14)]
    [InlineData("extref", 13)]
    [InlineData("closed", 14)]
    public async Task GatewayRepliesAreTrailersOnly(string host, int expected)
    {
        using var http = TestHttpClients.H2c(fixture.Port, $"{host}.example.com");
        using var request = GrpcWire.Request("/portico.test.Echo/Unary", new EchoRequest());

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), GrpcWire.Single(response.Headers, "grpc-status"));
        Assert.NotNull(GrpcWire.Single(response.Headers, "grpc-message"));
        Assert.Empty(body);
        Assert.Empty(response.TrailingHeaders);
    }

    [Theory]
    [InlineData("nothing", HttpStatusCode.NotFound)]
    [InlineData("missing", HttpStatusCode.InternalServerError)]
    [InlineData("nobackends", HttpStatusCode.InternalServerError)]
    [InlineData("unready", HttpStatusCode.ServiceUnavailable)]
    [InlineData("extref", HttpStatusCode.InternalServerError)]
    [InlineData("closed", HttpStatusCode.BadGateway)]
    public async Task HttpFailureStatus(string host, HttpStatusCode expected)
    {
        using var http = TestHttpClients.Http1(fixture.Port, $"{host}.example.com");

        using var response = await http.GetAsync("/anything");

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task BackendStatusMessageAndTrailersPassThrough()
    {
        var client = new Echo.EchoClient(fixture.Channel("ok.example.com"));
        var request = new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = "bad argument from the backend" };
        request.ResponseTrailers.Add("x-detail", "kept");

        var e = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("bad argument from the backend", e.Status.Detail);
        Assert.Equal("kept", e.Trailers.GetValue("x-detail"));
    }

    [Fact]
    public async Task BackendErrorAfterMessagesKeepsItsStatus()
    {
        using var call = new Echo.EchoClient(fixture.Channel("ok.example.com"))
            .ServerStream(new StreamRequest { Count = 5, FailCode = (int)StatusCode.ResourceExhausted, FailMessage = "enough", FailAfter = 3 });

        var received = 0;
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("enough", e.Status.Detail);
    }

    [Fact]
    public async Task BackendKilledMidStreamEndsTheCallWithAnError()
    {
        var client = new Echo.EchoClient(fixture.Channel("doomed.example.com"));
        using var call = client.ServerStream(new StreamRequest { Count = 100_000, IntervalMs = 20 });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous));

        await fixture.Doomed.AbortAsync();

        // Not a hang, and not OK: the client gets an error status well within the margin.
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Generous))
            {
            }
        });
        Assert.NotEqual(StatusCode.OK, e.StatusCode);

        // New calls find nothing listening: UNAVAILABLE naming the cause.
        var next = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, next.StatusCode);
        Assert.Contains("refused", next.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BackendKilledDuringAUnaryCallIsUnavailableNamingTheCause()
    {
        var backend = fixture.Crashing;
        var call = new Echo.EchoClient(fixture.Channel("crashing.example.com")).UnaryAsync(new EchoRequest { SleepMs = 60_000 });
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1, Generous);

        await backend.AbortAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(Generous));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("crashing", e.Status.Detail, StringComparison.Ordinal); // names the backend...
        Assert.Matches("(?i)upstream .+: .+", e.Status.Detail);                 // ...and what went wrong
    }

    [Theory]
    [InlineData("/request")]
    [InlineData("/backend")]
    public async Task HttpRouteTimeoutAnswers504AndCancelsTheUpstreamRequest(string path)
    {
        var before = fixture.Ok.CancellationsObserved;
        using var http = TestHttpClients.Http1(fixture.Port, "timeouts.example.com");

        using var response = await http.GetAsync(path + "?sleep=30000").WaitAsync(Generous);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        await fixture.Ok.WaitUntilAsync(b => b.CancellationsObserved == before + 1, Generous);
    }
}
