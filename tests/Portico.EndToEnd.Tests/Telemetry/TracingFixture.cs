using Portico.Cli.Run;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>A gateway exporting spans over OTLP/HTTP to an in-process <see cref="OtlpReceiver"/>.</summary>
public sealed class TracingFixture : TelemetryFixture
{
    public const string EchoHost = "traced.example.com";

    private OtlpReceiver? _receiver;

    internal OtlpReceiver Receiver => _receiver!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        var backend = (await StartBackendsAsync("traced"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("traced", [backend])
            .GrpcRoute("traced", ["gw"], [EchoHost], [RouteRule.To(new BackendRef("traced", 8080))]);
    }

    internal override RunOptions Configure(RunOptions options) =>
        options with { OtlpEndpoint = Receiver.Endpoint.ToString(), OtlpProtocol = "http/protobuf" };
}
