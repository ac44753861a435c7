using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Portico.Cli.Demo;
using Portico.Cli.Demo.Verify;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico demo</c>: the GRPCRoute guide, running. Starts a sample gRPC instance at every EndpointSlice endpoint,
/// creates the CA and TLS Secrets the Gateways lack, runs the gateway, and prints commands to try; Ctrl-C stops it
/// all. <c>--verify</c> runs the guide's checks instead and exits 0 only when all pass (2 when one fails);
/// <c>--prepare-only</c> writes the certificates and exits. Exit 1: it could not start (manifest errors, a port in use).
/// </summary>
internal sealed class DemoCommand
{
    /// <summary>Some check of <c>--verify</c> failed (or was interrupted); like <c>check --strict</c>'s failure.</summary>
    public const int VerifyFailed = ExitCodes.StrictFailure;

    /// <summary>Manifests unreadable, certificates unwritable, a port in use, or a Gateway not Programmed.</summary>
    public const int StartFailed = ExitCodes.ManifestError;

    private readonly Option<string[]> _config = new("--config", "-c")
    {
        Description = "Manifest file or directory (searched recursively for *.yaml and *.yml); repeat it for more.",
        HelpName = "path",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [DemoOptions.DefaultConfig],
    };

    private readonly Option<int> _portOffset = new("--port-offset")
    {
        Description = "Added to every Gateway listener port, e.g. 8000 serves 443/80 as 8443/8080 without root (0-65000). " +
            "The manifests keep their ports; sample ports are never shifted.",
        HelpName = "n",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string> _admin = new("--admin-address")
    {
        Description = "Address of the admin API (loopback only): ip:port; port 0 picks a free port.",
        HelpName = "ip:port",
        DefaultValueFactory = _ => "127.0.0.1:9901",
    };

    private readonly Option<bool> _verify = new("--verify")
    {
        Description = "Run the guide's checks, print them as a table and exit: 0 when all pass, 2 when one fails.",
    };

    private readonly Option<bool> _prepareOnly = new("--prepare-only")
    {
        Description = "Only create the local CA and the TLS Secrets the Gateways lack (in <config>/generated/), then exit.",
    };

    private readonly Option<string> _logLevel = new("--log-level")
    {
        Description = "Gateway log level: trace, debug, information, warning, error, critical, none.",
        HelpName = "level",
        DefaultValueFactory = _ => "warning",
    };

    private DemoCommand()
    {
        _logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "critical", "none");
    }

    public static Command Create()
    {
        var self = new DemoCommand();
        var command = new Command("demo", "Run the GRPCRoute guide's walkthrough: sample gRPC services, certificates and the gateway; --verify checks it.");
        command.Options.Add(self._config);
        command.Options.Add(self._portOffset);
        command.Options.Add(self._admin);
        command.Options.Add(self._verify);
        command.Options.Add(self._prepareOnly);
        command.Options.Add(self._logLevel);
        command.SetAction(self.ExecuteAsync);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var options = new DemoOptions
        {
            ConfigPaths = parseResult.GetRequiredValue(_config),
            PortOffset = parseResult.GetRequiredValue(_portOffset),
            AdminAddress = parseResult.GetRequiredValue(_admin),
            Verify = parseResult.GetValue(_verify),
            PrepareOnly = parseResult.GetValue(_prepareOnly),
            LogLevel = Enum.Parse<LogLevel>(parseResult.GetRequiredValue(_logLevel), ignoreCase: true),
        };
        if (options.Validate() is { } problem)
        {
            await error.WriteLineAsync($"portico demo: {problem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        DemoPlan plan;
        try
        {
            plan = DemoPlan.Prepare(options, TimeProvider.System);
        }
        catch (DemoStartException e)
        {
            await error.WriteLineAsync($"portico demo: {e.Message}").ConfigureAwait(false);
            return StartFailed;
        }

        foreach (var warning in plan.Warnings)
        {
            await error.WriteLineAsync(warning).ConfigureAwait(false);
        }

        await WritePreparationAsync(plan, output).ConfigureAwait(false);
        if (options.PrepareOnly)
        {
            return ExitCodes.Ok;
        }

        using var stop = new ShutdownSignal(cancellationToken);
        DemoSession session;
        try
        {
            session = await DemoSession.StartAsync(plan, copyAll: options.Verify, stop.Token).ConfigureAwait(false);
        }
        catch (DemoStartException e)
        {
            await error.WriteLineAsync($"portico demo: {e.Message}").ConfigureAwait(false);
            return StartFailed;
        }

        await using (session.ConfigureAwait(false))
        {
            var unprogrammed = session.UnprogrammedGateways();
            foreach (var line in unprogrammed)
            {
                await error.WriteLineAsync($"portico demo: {line}").ConfigureAwait(false);
            }

            if (options.Verify)
            {
                return await VerifyAsync(session, output, error, stop.Token).ConfigureAwait(false);
            }

            if (unprogrammed.Count > 0)
            {
                return StartFailed;
            }

            DemoInstructions.Write(session, output);
            await stop.WaitAsync().ConfigureAwait(false);

            await output.WriteLineAsync("portico demo: stopping the gateway and the sample instances").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(DemoSession session, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var report = await DemoVerifier.RunAsync(session, output, cancellationToken).ConfigureAwait(false);
            return report.AllPassed ? ExitCodes.Ok : VerifyFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("portico demo: --verify interrupted").ConfigureAwait(false);
            return VerifyFailed;
        }
    }

    private static async Task WritePreparationAsync(DemoPlan plan, TextWriter output)
    {
        var tls = plan.Tls;
        if (tls.CaCertificateFile is null)
        {
            return;
        }

        var secrets = string.Join(", ", tls.Generated.Select(s => $"{s.FullName} ({string.Join(", ", s.DnsNames)})"));
        var verb = tls.Written ? "created" : "reusing";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"portico demo: {verb} local CA {DemoWorkspace.Display(tls.CaCertificateFile)} and TLS Secrets in {DemoWorkspace.Display(plan.Workspace.TlsSecretsFile)}: {secrets}")).ConfigureAwait(false);
    }
}
