using Grpc.Core;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Telemetry;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>A gateway with <c>--stream-idle-timeout 2</c> on the default (h2) gRPC path.</summary>
public class StreamIdleTimeoutFixture : TelemetryFixture
{
    public const string Host = "idle.example.com";

    public TestBackend Backend { get; private set; } = null!;

    internal override RunOptions Configure(RunOptions options) => options with { StreamIdleTimeoutSeconds = 2 };

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        Backend = (await StartBackendsAsync("idle"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", Port)])
            .Service("idle", [Backend], port: 9000)
            .GrpcRoute("idle", ["gw"], [Host], [RouteRule.To(new BackendRef("idle", 9000))]);
    }
}

/// <summary>
/// The idle timer cuts a call that makes no progress for the timeout (DEADLINE_EXCEEDED, the backend's call
/// cancelled), and progress in time keeps a stream alive however long it runs in all.
/// </summary>
public sealed class StreamIdleTimeoutTests(StreamIdleTimeoutFixture fixture) : IClassFixture<StreamIdleTimeoutFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private Echo.EchoClient Client => new(fixture.Channel(StreamIdleTimeoutFixture.Host));

    [Fact]
    public async Task StreamSilentLongerThanTheTimeoutEndsWithDeadlineExceeded()
    {
        using var call = Client.ServerStream(new StreamRequest { Message = "quiet", Count = 2, IntervalMs = 6000 });

        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Generous)); // the first message comes at once
        var next = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WaitAsync(Generous));

        Assert.Equal(StatusCode.DeadlineExceeded, next.StatusCode);
        Assert.Contains("timed out", next.Status.Detail, StringComparison.Ordinal);
        await fixture.Backend.WaitUntilAsync(b => b.ActiveCalls == 0, Generous); // the upstream call was cancelled
    }

    [Fact]
    public async Task StreamWithProgressWithinTheTimeoutOutlivesIt()
    {
        // 16 messages 250 ms apart: ~4 s in all, twice the idle timeout. The timer cuts after 1.75-2 s without a
        // message, so a gap would have to stretch sevenfold to fail this; 400 ms gaps against a 1 s timeout did
        // fail once on a loaded CI machine.
        using var call = Client.ServerStream(new StreamRequest { Message = "busy", Count = 16, IntervalMs = 250 });
        var replies = new List<EchoReply>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(Generous).Token))
        {
            replies.Add(reply);
        }

        Assert.Equal(Enumerable.Range(1, 16), replies.Select(r => r.Sequence));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}

/// <summary><c>--stream-idle-timeout 0</c> (off) on the YARP path, whose ActivityTimeout then has no limit.</summary>
public sealed class IdleTimeoutOffOnYarpFixture : StreamIdleTimeoutFixture
{
    internal override RunOptions Configure(RunOptions options) =>
        options with { StreamIdleTimeoutSeconds = 0, GrpcForwarder = Portico.Proxy.Forwarding.GrpcForwarderKind.Yarp };
}

public sealed class IdleTimeoutOffOnYarpTests(IdleTimeoutOffOnYarpFixture fixture) : IClassFixture<IdleTimeoutOffOnYarpFixture>
{
    [Fact]
    public async Task CallsAndQuietStreamsStillWork()
    {
        var client = new Echo.EchoClient(fixture.Channel(StreamIdleTimeoutFixture.Host));

        var reply = await client.UnaryAsync(new EchoRequest { Message = "off" }).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("off", reply.Message);

        using var call = client.ServerStream(new StreamRequest { Message = "quiet", Count = 2, IntervalMs = 1500 });
        var replies = new List<EchoReply>();
        await foreach (var r in call.ResponseStream.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token))
        {
            replies.Add(r);
        }

        Assert.Equal([1, 2], replies.Select(r => r.Sequence));
    }
}
