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

    /// <summary><c>--access-log</c>: null (off, the default), <c>stdout</c>, or a file to append JSON lines to.</summary>
    public string? AccessLog { get; init; }

    /// <summary><c>--access-log-sample</c>: share of calls logged, 0 – 1. Default 1.</summary>
    public double AccessLogSampleRate { get; init; } = 1;

    /// <summary><c>--otlp-endpoint</c>: where spans are exported (e.g. <c>http://127.0.0.1:4317</c>); null (default) exports nothing and creates no spans.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary><c>--otlp-protocol</c>: <c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary><c>--metrics-max-grpc-methods</c>: distinct grpc_service/grpc_method label pairs before new ones count as <c>other</c>. Default 2000.</summary>
    public int MaxGrpcMethodLabels { get; init; } = Portico.Proxy.Metrics.ProxyMetrics.DefaultMaxGrpcMethods;

    /// <summary><c>--upstream-max-calls</c>: short calls in flight per endpoint before calls queue. Default 1024; 0 (off) – 100,000.</summary>
    public int UpstreamMaxCalls { get; init; } = Portico.Proxy.Forwarding.ProxyOptions.DefaultUpstreamMaxCalls;

    /// <summary><c>--upstream-streams-per-connection</c>: streams on one upstream h2c connection at most. Default 100; 0 (the server's limit) – 1,000,000.</summary>
    public int UpstreamStreamsPerConnection { get; init; } = Portico.Proxy.Forwarding.ProxyOptions.DefaultUpstreamStreamsPerConnection;

    /// <summary><c>--grpc-forwarder</c>: the path for gRPC calls from HTTP/2 clients to h2c backends. Default h2.</summary>
    public Portico.Proxy.Forwarding.GrpcForwarderKind GrpcForwarder { get; init; } = Portico.Proxy.Forwarding.GrpcForwarderKind.H2;

    /// <summary><c>--upstream-queue-timeout</c>: seconds a call waits in the forwarding queue at most. Default 1; 0.001 – 3600.</summary>
    public double UpstreamQueueTimeoutSeconds { get; init; } = 1;

    /// <summary><c>--stream-idle-timeout</c>: seconds an upstream call may make no progress before it is cut. Default 3600; 0 (off), 1 – 86400.</summary>
    public double StreamIdleTimeoutSeconds { get; init; } = 3600;

    /// <returns>Null when valid, else what is wrong, naming the option.</returns>
    public string? Validate()
    {
        if (ConfigPaths.Count == 0)
        {
            return "--config: at least one file or directory is required";
        }

        foreach (var path in ConfigPaths)
        {
            // A typo would otherwise start a gateway that serves nothing and only warns.
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return $"--config \"{path}\": no such file or directory";
            }
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

        if (AccessLogSampleRate is < 0 or > 1 || double.IsNaN(AccessLogSampleRate))
        {
            return $"--access-log-sample {AccessLogSampleRate} is outside 0-1";
        }

        if (AccessLog is { } log && log != Portico.Proxy.Telemetry.AccessLogWriter.StandardOutput)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(log));
            if (directory is not null && !Directory.Exists(directory))
            {
                return $"--access-log \"{log}\": directory {directory} does not exist";
            }
        }

        if (OtlpEndpoint is { } otlp &&
            (!Uri.TryCreate(otlp, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return $"--otlp-endpoint \"{otlp}\" is not an http:// or https:// URL (e.g. http://127.0.0.1:4317)";
        }

        if (MaxGrpcMethodLabels < 0)
        {
            return $"--metrics-max-grpc-methods {MaxGrpcMethodLabels} is negative";
        }

        if (UpstreamMaxCalls is < 0 or > 100_000)
        {
            return $"--upstream-max-calls {UpstreamMaxCalls} is outside 0-100000";
        }

        if (UpstreamStreamsPerConnection is < 0 or > 1_000_000)
        {
            return $"--upstream-streams-per-connection {UpstreamStreamsPerConnection} is outside 0-1000000";
        }

        if (UpstreamQueueTimeoutSeconds is < 0.001 or > 3600 || double.IsNaN(UpstreamQueueTimeoutSeconds))
        {
            return $"--upstream-queue-timeout {UpstreamQueueTimeoutSeconds} is outside 0.001-3600 s";
        }

        if (StreamIdleTimeoutSeconds is not 0 and (< 1 or > 86400) || double.IsNaN(StreamIdleTimeoutSeconds))
        {
            return $"--stream-idle-timeout {StreamIdleTimeoutSeconds} is outside 1-86400 s (0 turns it off)";
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            return $"--otlp-protocol \"{OtlpProtocol}\" is not grpc or http/protobuf";
        }

        return null;
    }
}
