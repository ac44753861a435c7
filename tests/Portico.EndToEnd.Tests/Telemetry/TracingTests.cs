using Grpc.Core;
using Portico.Testing;
using Portico.Testing.Protos;
using static Portico.EndToEnd.Tests.Telemetry.TracingFixture;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>W3C trace context through the gateway with tracing on, and the span exported over OTLP.</summary>
public sealed class TracingTests(TracingFixture fixture) : IClassFixture<TracingFixture>
{
    [Fact]
    public async Task BackendSeesTheClientsTraceId_WithTheGatewaysSpanAsParent_AndTheSpanIsExported()
    {
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var clientSpan = "b7ad6b7169203331";
        var client = new Echo.EchoClient(fixture.Channel(EchoHost));
        var reply = await client.UnaryAsync(new EchoRequest(),
            new Metadata { { "traceparent", $"00-{traceId}-{clientSpan}-01" }, { "tracestate", "vendor=abc" } });

        var seen = reply.Metadata["traceparent"].Split('-');
        Assert.Equal(4, seen.Length);
        Assert.Equal("00", seen[0]);
        Assert.Equal(traceId, seen[1]);
        Assert.NotEqual(clientSpan, seen[2]);
        Assert.Matches("^[0-9a-f]{16}$", seen[2]);
        Assert.Equal("01", seen[3]);
        Assert.Equal("vendor=abc", reply.Metadata["tracestate"]);

        // The exported span is the backend's parent: its trace id and span id are in an OTLP export, with the route.
        await Eventually.SucceedsAsync(() =>
        {
            Assert.True(fixture.Gateway.FlushTraces(TimeSpan.FromSeconds(5)));
            Assert.True(fixture.Receiver.Saw(Convert.FromHexString(traceId)), "trace id exported");
            Assert.True(fixture.Receiver.Saw(Convert.FromHexString(seen[2])), "gateway span id exported");
            Assert.True(fixture.Receiver.Saw("grpcroute/default/traced/rule/0"u8), "route attribute exported");
            Assert.True(fixture.Receiver.Saw("portico.test.Echo/Unary"u8), "span name exported");
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task WithoutAClientTraceparent_TheGatewayStartsATrace()
    {
        var reply = await new Echo.EchoClient(fixture.Channel(EchoHost)).UnaryAsync(new EchoRequest());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", reply.Metadata["traceparent"]);
    }
}
