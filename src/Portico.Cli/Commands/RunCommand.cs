using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Portico.Cli.Run;
using Portico.Proxy.Backends;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico run</c>: the gateway. Watches the manifests, serves the Gateways' listeners, and exposes the admin
/// API. SIGTERM or Ctrl-C stops accepting, lets in-flight calls finish within the grace period, and exits 0.
/// </summary>
internal sealed class RunCommand
{
    private readonly TranslationInputOptions _inputs = new();

    private readonly Option<string> _admin = new("--admin-address")
    {
        Description = "Address of the admin API (/healthz, /readyz, /metrics, /api/v1/status, /api/v1/config): ip:port. " +
            "Loopback by default because the API is not authenticated; port 0 picks a free port.",
        HelpName = "ip:port",
        DefaultValueFactory = _ => "127.0.0.1:9901",
    };

    private readonly Option<double> _grace = new("--grace-period")
    {
        Description = "Seconds that in-flight calls get to finish on shutdown or when their listener is removed (0-300).",
        HelpName = "seconds",
        DefaultValueFactory = _ => 15,
    };

    private readonly Option<string> _lb = new("--lb-policy")
    {
        Description = "How a call picks an endpoint inside a backend: round-robin, or least-request (power of two choices).",
        HelpName = "policy",
        DefaultValueFactory = _ => "round-robin",
    };

    private readonly Option<string> _logLevel = new("--log-level")
    {
        Description = "Console log level: trace, debug, information, warning, error, critical, none. Nothing is logged per request at information.",
        HelpName = "level",
        DefaultValueFactory = _ => "information",
    };

    private readonly Option<string> _accessLog = new("--access-log")
    {
        Description = "Access log: off, stdout, or a file to append to. One JSON line per call (route, backend, endpoint, status, " +
            "duration, bytes, x-request-id, client), written off the request path; lines are dropped (and counted) rather than slowing calls.",
        HelpName = "off|stdout|FILE",
        DefaultValueFactory = _ => "off",
    };

    private readonly Option<double> _accessLogSample = new("--access-log-sample")
    {
        Description = "Share of calls written to the access log (0-1).",
        HelpName = "fraction",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<string?> _otlpEndpoint = new("--otlp-endpoint")
    {
        Description = "Export a span per call (W3C traceparent propagated to backends) to this OpenTelemetry collector, " +
            "e.g. http://127.0.0.1:4317. Without it no spans are made and trace headers pass through unchanged.",
        HelpName = "url",
    };

    private readonly Option<string> _otlpProtocol = new("--otlp-protocol")
    {
        Description = "OTLP transport: grpc (port 4317) or http/protobuf (port 4318).",
        HelpName = "protocol",
        DefaultValueFactory = _ => "grpc",
    };

    private readonly Option<int> _maxGrpcMethods = new("--metrics-max-grpc-methods")
    {
        Description = "Distinct gRPC service/method label pairs in the metrics; calls to further methods count as grpc_method=\"other\" " +
            "(prefix and regex routes let clients choose method names).",
        HelpName = "count",
        DefaultValueFactory = _ => Portico.Proxy.Metrics.ProxyMetrics.DefaultMaxGrpcMethods,
    };

    private readonly Option<int> _upstreamMaxCalls = new("--upstream-max-calls")
    {
        Description = "Short calls (gRPC methods not known to stream) in flight to one endpoint at most; more wait in a FIFO queue " +
            "before anything is allocated for them, which bounds memory under load (like HAProxy's maxconn). 0 turns the queue off (0-100000).",
        HelpName = "count",
        DefaultValueFactory = _ => Portico.Proxy.Forwarding.ProxyOptions.DefaultUpstreamMaxCalls,
    };

    private readonly Option<int> _upstreamStreamsPerConnection = new("--upstream-streams-per-connection")
    {
        Description = "Streams on one upstream h2c connection at most (the default gRPC path); more calls in flight open more " +
            "connections to the endpoint, so large request bodies do not all share one connection's flow-control window. " +
            "0 uses the server's own limit alone (0-1000000).",
        HelpName = "count",
        DefaultValueFactory = _ => Portico.Proxy.Forwarding.ProxyOptions.DefaultUpstreamStreamsPerConnection,
    };

    private readonly Option<double> _upstreamQueueTimeout = new("--upstream-queue-timeout")
    {
        Description = "Seconds a call waits in the forwarding queue at most; then it goes anyway, so calls that stay open never stall " +
            "the queue (0.001-3600). A call's own deadline still ends its wait with DEADLINE_EXCEEDED.",
        HelpName = "seconds",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<double> _streamIdleTimeout = new("--stream-idle-timeout")
    {
        Description = "Seconds an upstream call may go without progress (no request or response bytes) before it is cut with " +
            "DEADLINE_EXCEEDED (1-86400; 0 turns it off). Long so quiet watch streams survive; deadlines bound ordinary calls.",
        HelpName = "seconds",
        DefaultValueFactory = _ => 3600,
    };

    private readonly Option<string> _grpcForwarder = new("--grpc-forwarder")
    {
        Description = "Path for gRPC calls from HTTP/2 clients to h2c backends: h2 (Portico's own multiplexed h2c client; default), " +
            "direct (own forwarding on .NET's HttpClient) or yarp. " +
            "Everything else always goes through YARP.",
        HelpName = "path",
        DefaultValueFactory = _ => "h2",
    };

    private RunCommand()
    {
        _otlpProtocol.AcceptOnlyFromAmong("grpc", "http/protobuf");
        _lb.AcceptOnlyFromAmong("round-robin", "least-request");
        _grpcForwarder.AcceptOnlyFromAmong("direct", "yarp", "h2");
        _logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "critical", "none");
    }

    public static Command Create()
    {
        var self = new RunCommand();
        var command = new Command("run", "Run the gateway on a directory of manifests: serve traffic, watch for changes, expose the admin API.");
        self._inputs.AddTo(command);
        command.Options.Add(self._admin);
        command.Options.Add(self._grace);
        command.Options.Add(self._lb);
        command.Options.Add(self._grpcForwarder);
        command.Options.Add(self._streamIdleTimeout);
        command.Options.Add(self._logLevel);
        command.Options.Add(self._accessLog);
        command.Options.Add(self._accessLogSample);
        command.Options.Add(self._otlpEndpoint);
        command.Options.Add(self._otlpProtocol);
        command.Options.Add(self._maxGrpcMethods);
        command.Options.Add(self._upstreamMaxCalls);
        command.Options.Add(self._upstreamStreamsPerConnection);
        command.Options.Add(self._upstreamQueueTimeout);
        command.SetAction(self.ExecuteAsync);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var options = new RunOptions
        {
            ConfigPaths = _inputs.ConfigPaths(parseResult),
            DefaultAddresses = _inputs.ToTranslatorOptions(parseResult).DefaultAddresses,
            ControllerName = _inputs.ToTranslatorOptions(parseResult).ControllerName,
            AdminAddress = parseResult.GetRequiredValue(_admin),
            GracePeriod = TimeSpan.FromSeconds(parseResult.GetRequiredValue(_grace)),
            LoadBalancing = parseResult.GetRequiredValue(_lb) == "least-request" ? LoadBalancingPolicy.LeastRequest : LoadBalancingPolicy.RoundRobin,
            LogLevel = Enum.Parse<LogLevel>(parseResult.GetRequiredValue(_logLevel), ignoreCase: true),
            AccessLog = parseResult.GetRequiredValue(_accessLog) is var log && log != "off" ? log : null,
            AccessLogSampleRate = parseResult.GetRequiredValue(_accessLogSample),
            OtlpEndpoint = parseResult.GetValue(_otlpEndpoint),
            OtlpProtocol = parseResult.GetRequiredValue(_otlpProtocol),
            MaxGrpcMethodLabels = parseResult.GetRequiredValue(_maxGrpcMethods),
            UpstreamMaxCalls = parseResult.GetRequiredValue(_upstreamMaxCalls),
            UpstreamStreamsPerConnection = parseResult.GetRequiredValue(_upstreamStreamsPerConnection),
            GrpcForwarder = parseResult.GetRequiredValue(_grpcForwarder) switch
            {
                "yarp" => Portico.Proxy.Forwarding.GrpcForwarderKind.Yarp,
                "direct" => Portico.Proxy.Forwarding.GrpcForwarderKind.Direct,
                _ => Portico.Proxy.Forwarding.GrpcForwarderKind.H2,
            },
            UpstreamQueueTimeoutSeconds = parseResult.GetRequiredValue(_upstreamQueueTimeout),
            StreamIdleTimeoutSeconds = parseResult.GetRequiredValue(_streamIdleTimeout),
        };
        if (options.AccessLog == Portico.Proxy.Telemetry.AccessLogWriter.StandardOutput)
        {
            output = error; // stdout carries the access log's JSON lines alone
        }

        if (options.Validate() is { } problem)
        {
            await error.WriteLineAsync($"portico run: {problem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var stop = new ShutdownSignal(cancellationToken);
        GatewayHost host;
        try
        {
            host = await GatewayHost.StartAsync(options, cancellationToken: stop.Token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"portico run: cannot start the admin API on {options.AdminAddress}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.ManifestError;
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            // SIGTERM/SIGINT during start-up: nothing was served yet; StartAsync stopped what it had started.
            await output.WriteLineAsync("portico: stopped before the first configuration was applied").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await using (host.ConfigureAwait(false))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"portico: serving {host.DataPlane.Current.Listeners.Count} listener(s); admin API on {host.AdminUri}")).ConfigureAwait(false);
            await stop.WaitAsync().ConfigureAwait(false);

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"portico: shutting down; in-flight calls have {options.GracePeriod.TotalSeconds:0.#} s to finish")).ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
        }

        await output.WriteLineAsync("portico: stopped").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
