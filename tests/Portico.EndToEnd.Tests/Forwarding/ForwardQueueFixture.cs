using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Telemetry;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>
/// A gateway whose forwarding queue lets one short call at a time through to each endpoint
/// (<c>--upstream-max-calls 1</c>), so the tests can fill the slot with one held call and watch the rest queue.
/// <see cref="QueueTimeout"/> is the longest wait (<c>--upstream-queue-timeout</c>).
/// </summary>
public abstract class ForwardQueueFixtureBase : TelemetryFixture
{
    public const string Host = "queue.example.com";

    public TestBackend Backend { get; private set; } = null!;

    protected abstract TimeSpan QueueTimeout { get; }

    internal override RunOptions Configure(RunOptions options) =>
        options with { UpstreamMaxCalls = 1, UpstreamQueueTimeoutSeconds = QueueTimeout.TotalSeconds };

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        Backend = (await StartBackendsAsync("queue"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", Port)])
            .Service("queue", [Backend], port: 9000)
            .GrpcRoute("queue", ["gw"], [Host], [RouteRule.To(new BackendRef("queue", 9000))]);
    }
}

/// <summary>Waits are long (30 s), so every queued call waits for the slot.</summary>
public sealed class ForwardQueueFixture : ForwardQueueFixtureBase
{
    protected override TimeSpan QueueTimeout => TimeSpan.FromSeconds(30);
}

/// <summary>Waits are short (300 ms), so a call behind a long-held slot goes anyway.</summary>
public sealed class ForwardQueueOverflowFixture : ForwardQueueFixtureBase
{
    protected override TimeSpan QueueTimeout => TimeSpan.FromMilliseconds(300);
}
