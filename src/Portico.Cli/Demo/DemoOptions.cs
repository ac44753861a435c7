using System.Net;
using Microsoft.Extensions.Logging;

namespace Portico.Cli.Demo;

/// <summary>Everything <c>portico demo</c> takes. Validated by <see cref="Validate"/> before anything starts.</summary>
internal sealed record DemoOptions
{
    public const string DefaultConfig = "examples/walkthrough";

    /// <summary>Largest <see cref="PortOffset"/>; each shifted listener port must also stay within 1-65535.</summary>
    public const int MaxPortOffset = 65000;

    /// <summary>Manifest files and directories. Default <c>examples/walkthrough</c>.</summary>
    public IReadOnlyList<string> ConfigPaths { get; init; } = [DefaultConfig];

    /// <summary>
    /// Added to every Gateway listener port, so an unprivileged user can serve the guide's 443/80 as e.g. 8443/8080
    /// (offset 8000). The manifests keep the guide's ports; the gateway reads shifted copies. Default 0; range
    /// 0-65000, and every shifted port must be at most 65535. Sample ports (EndpointSlices) are never shifted.
    /// </summary>
    public int PortOffset { get; init; }

    /// <summary>Admin API address, <c>ip:port</c>. Default <c>127.0.0.1:9901</c>; port 0 picks a free one.</summary>
    public string AdminAddress { get; init; } = "127.0.0.1:9901";

    /// <summary>Run the guide's checks, print them as a table and exit (0 only when every check passes).</summary>
    public bool Verify { get; init; }

    /// <summary>Only create the CA and the TLS Secrets the Gateways lack, then exit.</summary>
    public bool PrepareOnly { get; init; }

    /// <summary>
    /// Where the CA and the generated TLS Secrets go. Default: <c>generated/</c> inside the first <c>--config</c>
    /// directory (or beside the first file), so <c>portico check --config DIR</c> finds them.
    /// </summary>
    public string? GeneratedDirectory { get; init; }

    /// <summary>How long <c>--verify</c> waits for the gateway to apply an edited manifest. Default 15 s; range 1-120 s.</summary>
    public TimeSpan ReloadTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Gateway log level on the console. Default Warning: the demo's own output is what matters.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <returns>Null when valid, else what is wrong, naming the option.</returns>
    public string? Validate()
    {
        if (ConfigPaths.Count == 0)
        {
            return "--config: at least one file or directory is required";
        }

        if (PortOffset is < 0 or > MaxPortOffset)
        {
            return $"--port-offset {PortOffset} is outside 0-{MaxPortOffset}";
        }

        if (!IPEndPoint.TryParse(AdminAddress, out var admin) || AdminAddress.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            return $"--admin-address \"{AdminAddress}\" is not an IP address with a port (e.g. 127.0.0.1:9901)";
        }

        if (!IPAddress.IsLoopback(admin.Address))
        {
            return $"--admin-address {AdminAddress}: the demo only listens on loopback (127.0.0.0/8)";
        }

        if (Verify && PrepareOnly)
        {
            return "--verify and --prepare-only cannot be combined";
        }

        if (ReloadTimeout < TimeSpan.FromSeconds(1) || ReloadTimeout > TimeSpan.FromSeconds(120))
        {
            return $"reload timeout {ReloadTimeout.TotalSeconds}s is outside 1-120 s";
        }

        return null;
    }
}
