using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Portico.Testing;
using Portico.Testing.Protos;
using static Portico.EndToEnd.Tests.Telemetry.AccessLogFixture;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>The access log: one JSON line per call with the documented fields, and x-request-id end to end.</summary>
public sealed class AccessLogTests(AccessLogFixture fixture) : IClassFixture<AccessLogFixture>
{
    [Fact]
    public async Task GrpcCall_IsOneJsonLine_WithRouteBackendEndpointStatusSizesAndRequestId()
    {
        var id = $"grpc-{Guid.NewGuid():N}";
        var client = new Echo.EchoClient(fixture.Channel(EchoHost));
        await client.UnaryAsync(new EchoRequest { Message = "logged", ResponsePayloadSize = 100 }, new Metadata { { "x-request-id", id } });

        var line = await LineAsync(id);
        Assert.True(DateTime.TryParse(line.GetProperty("time").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time));
        Assert.InRange(time, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal("gateway/default/gw/listener/http", line.GetProperty("listener").GetString());
        Assert.Equal("grpcroute/default/echo/rule/0", line.GetProperty("route").GetString());
        Assert.Equal("all-methods", line.GetProperty("rule").GetString());
        Assert.StartsWith("service/default/logged/", line.GetProperty("backend").GetString(), StringComparison.Ordinal);
        Assert.Equal(fixture.Backend.Endpoint, line.GetProperty("endpoint").GetString());
        Assert.Equal($"{EchoHost}:{fixture.Port}", line.GetProperty("authority").GetString());
        Assert.Equal("portico.test.Echo", line.GetProperty("grpc_service").GetString());
        Assert.Equal("Unary", line.GetProperty("grpc_method").GetString());
        Assert.Equal(0, line.GetProperty("grpc_status").GetInt32());
        Assert.Equal("OK", line.GetProperty("grpc_code").GetString());
        Assert.Equal("POST", line.GetProperty("method").GetString());
        Assert.Equal("/portico.test.Echo/Unary", line.GetProperty("path").GetString());
        Assert.Equal(200, line.GetProperty("http_status").GetInt32());
        Assert.True(line.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.True(line.GetProperty("bytes_in").GetInt64() >= 5 + 8, "a framed request with an 8-byte message");
        Assert.True(line.GetProperty("bytes_out").GetInt64() > 100, "the reply carries 100 payload bytes");
        Assert.Equal(1, line.GetProperty("messages_in").GetInt32());
        Assert.Equal(1, line.GetProperty("messages_out").GetInt32());
        Assert.StartsWith("127.0.0.1:", line.GetProperty("client").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedGrpcCall_LogsItsStatus()
    {
        var id = $"fail-{Guid.NewGuid():N}";
        var client = new Echo.EchoClient(fixture.Channel(EchoHost));
        await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest { FailCode = 7 }, new Metadata { { "x-request-id", id } }).ResponseAsync);

        var line = await LineAsync(id);
        Assert.Equal(7, line.GetProperty("grpc_status").GetInt32());
        Assert.Equal("PermissionDenied", line.GetProperty("grpc_code").GetString());
    }

    [Fact]
    public async Task HttpRequest_IsLoggedWithMethodPathAndStatus()
    {
        var id = $"http-{Guid.NewGuid():N}";
        using var http = TestHttpClients.Http1(fixture.Port, WebHost);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/cart?status=418");
        request.Headers.Add("x-request-id", id);
        using var response = await http.SendAsync(request);
        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal(id, response.Headers.GetValues("x-request-id").Single());

        var line = await LineAsync(id);
        Assert.Equal("httproute/default/web/rule/0", line.GetProperty("route").GetString());
        Assert.Equal("GET", line.GetProperty("method").GetString());
        Assert.Equal("/shop/cart", line.GetProperty("path").GetString());
        Assert.Equal(418, line.GetProperty("http_status").GetInt32());
        Assert.Equal("HTTP/1.1", line.GetProperty("protocol").GetString());
        Assert.False(line.TryGetProperty("grpc_status", out _));
        Assert.True(line.GetProperty("bytes_out").GetInt64() > 0);
    }

    [Fact]
    public async Task GeneratedRequestId_ReachesTheBackend_TheClientAndTheLog()
    {
        var client = new Echo.EchoClient(fixture.Channel(EchoHost));
        var call = client.UnaryAsync(new EchoRequest());
        var reply = await call.ResponseAsync;
        var id = reply.Metadata["x-request-id"];
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, (await call.ResponseHeadersAsync).GetValue("x-request-id"));
        await LineAsync(id);
    }

    [Fact]
    public async Task EveryLine_IsOneJsonObject()
    {
        var client = new Echo.EchoClient(fixture.Channel(EchoHost));
        await client.UnaryAsync(new EchoRequest());
        await Eventually.SucceedsAsync(() =>
        {
            var lines = fixture.Lines();
            Assert.NotEmpty(lines);
            foreach (var l in lines)
            {
                using var doc = JsonDocument.Parse(l);
                Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
                Assert.True(doc.RootElement.TryGetProperty("x_request_id", out _));
            }

            return Task.CompletedTask;
        });
    }

    private async Task<JsonElement> LineAsync(string requestId)
    {
        JsonElement found = default;
        await Eventually.SucceedsAsync(() =>
        {
            var matches = fixture.Lines().Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("x_request_id").GetString() == requestId).ToList();
            found = Assert.Single(matches);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(10));
        return found;
    }
}
