using System.Net;
using Portico.Proxy.Backends;

namespace Portico.Cli.Run;

/// <summary>Everything <c>portico run</c> takes. Validated by <see cref="Validate"/> before anything starts.</summary>
internal sealed record RunOptions
{
    /// <summary>Manifest files and directories (at least one).</summary>
    public IReadOnlyList<string> ConfigPaths { get; init; } = [];

    /// <summary>Admin API address, <c>host:port</c>. Default <c>127.0.0.1:9901</c> (loopback: the API is not authenticated). Port 0 picks a free one.</summary>
    public string AdminAddress { get; init; } = "127.0.0.1:9901";

    /// <summary>Bind addresses for Gateways without <c>spec.addresses</c>. Default <c>0.0.0.0</c>.</summary>
    public IReadOnlyList<string> DefaultAddresses { get; init; } = ["0.0.0.0"];

    /// <summary>Time in-flight calls get to finish on shutdown or when their listener is removed. Default 15 s; range 0–300 s.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(15);

    public string ControllerName { get; init; } = Translation.TranslatorOptions.DefaultControllerName;

    public LoadBalancingPolicy LoadBalancing { get; init; } = LoadBalancingPolicy.RoundRobin;

    /// <summary>File-change polling interval (the safety net behind file-system events). Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Minimum log level for the console. Default Information (quiet under load: nothing is logged per request).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <returns>Null when valid, else what is wrong, naming the option.</returns>
    public string? Validate()
    {
        if (ConfigPaths.Count == 0)
        {
            return "--config: at least one file or directory is required";
        }

        if (!IPEndPoint.TryParse(AdminAddress, out var admin) || AdminAddress.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            return $"--admin-address \"{AdminAddress}\" is not an IP address with a port (e.g. 127.0.0.1:9901)";
        }

        if (admin.Port is < 0 or > 65535)
        {
            return $"--admin-address port {admin.Port} is outside 0-65535";
        }

        foreach (var a in DefaultAddresses)
        {
            if (!IPAddress.TryParse(a, out _))
            {
                return $"--default-address \"{a}\" is not an IP address";
            }
        }

        if (GracePeriod < TimeSpan.Zero || GracePeriod > TimeSpan.FromSeconds(300))
        {
            return $"--grace-period {GracePeriod.TotalSeconds}s is outside 0-300 s";
        }

        return null;
    }
}
