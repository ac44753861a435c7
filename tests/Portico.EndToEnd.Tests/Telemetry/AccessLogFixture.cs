using Portico.Cli.Run;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>A gateway writing every call (sample rate 1) to an access log file.</summary>
public sealed class AccessLogFixture : TelemetryFixture
{
    public const string EchoHost = "echo.example.com";
    public const string WebHost = "web.example.com";

    private readonly string _directory = Directory.CreateTempSubdirectory("portico-access-").FullName;

    public TestBackend Backend { get; private set; } = null!;

    public string LogPath => Path.Combine(_directory, "access.log");

    /// <summary>The lines written so far (the writer may still hold some).</summary>
    public IReadOnlyList<string> Lines()
    {
        if (!File.Exists(LogPath))
        {
            return [];
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        Backend = (await StartBackendsAsync("logged"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("logged", [Backend])
            .GrpcRoute("echo", ["gw"], [EchoHost], [RouteRule.To(new BackendRef("logged", 8080)) with { Name = "all-methods" }])
            .HttpRoute("web", ["gw"], [WebHost], [RouteRule.To(new BackendRef("logged", 8080))]);
    }

    internal override RunOptions Configure(RunOptions options) => options with { AccessLog = LogPath, AccessLogSampleRate = 1 };
}
