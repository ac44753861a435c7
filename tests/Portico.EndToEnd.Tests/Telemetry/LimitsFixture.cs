using Portico.Cli.Run;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>
/// A gateway with an access log that samples nothing (rate 0) and a small cap on gRPC method labels (20), behind
/// a GRPCRoute that matches every method (so clients choose the method names).
/// </summary>
public sealed class LimitsFixture : TelemetryFixture
{
    public const string Host = "any.example.com";
    public const int MethodCap = 20;

    private readonly string _directory = Directory.CreateTempSubdirectory("portico-access-").FullName;

    public string LogPath => Path.Combine(_directory, "access.log");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var backend = (await StartBackendsAsync("limits"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("limits", [backend])
            .GrpcRoute("any", ["gw"], [Host], [RouteRule.To(new BackendRef("limits", 8080)) with { Name = "everything" }]);
    }

    internal override RunOptions Configure(RunOptions options) =>
        options with { AccessLog = LogPath, AccessLogSampleRate = 0, MaxGrpcMethodLabels = MethodCap };
}
