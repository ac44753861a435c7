using System.CommandLine;
using Portico.Cli.Admin;
using Portico.Cli.Output;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico routes</c>: the routing table a running gateway serves, one line per entry in match order, with the
/// user's route, rule and Service names and live endpoint readiness (<c>istioctl proxy-config route</c>, in Gateway API words).
/// </summary>
internal sealed class RoutesCommand
{
    private readonly Option<string?> _gateway = new("--gateway")
    {
        Description = "Only the listeners of this Gateway: namespace/name, or name in namespace default.",
        HelpName = "namespace/name",
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = $"Output format: {OutputFormat.Table} or {OutputFormat.Json}.",
        HelpName = "format",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    private readonly Option<string> _admin = AdminAddressOption.Create();

    private RoutesCommand()
    {
        _output.AcceptOnlyFromAmong(OutputFormat.Table, OutputFormat.Json);
    }

    public static Command Create()
    {
        var self = new RoutesCommand();
        var command = new Command("routes", "Print the routing table a running gateway serves: listener, host, match, route rule, backends with weights, ready endpoints.");
        command.Options.Add(self._gateway);
        command.Options.Add(self._output);
        command.Options.Add(self._admin);
        command.SetAction((parseResult, cancellationToken) =>
            AdminCommandRunner.RunAsync("routes", parseResult, self._admin, (client, output, error) => self.ExecuteAsync(parseResult, client, output, error, cancellationToken), cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, AdminClient client, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var gateway = parseResult.GetValue(_gateway) is { } g
            ? (g.Contains('/', StringComparison.Ordinal) ? g : $"{NamespaceOptions.DefaultNamespace}/{g}")
            : null;
        var table = await client.GetRouteTableAsync(cancellationToken).ConfigureAwait(false);
        if (gateway is not null && !table.Listeners.Any(l => string.Equals(l.Gateway, gateway, StringComparison.Ordinal)))
        {
            await error.WriteLineAsync($"portico routes: gateway \"{gateway}\" not found: it has no listener in the table served at {client.Address} " +
                "(see 'portico get gateways -A')").ConfigureAwait(false);
            return AdminExitCodes.NotFound;
        }

        var rows = RouteRows.From(table, gateway);
        if (parseResult.GetRequiredValue(_output) == OutputFormat.Json)
        {
            await output.WriteAsync(DocumentText.Render(RouteRows.Json(rows, table), OutputFormat.Json)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            await error.WriteLineAsync("No routes: no listener of the served table has a route attached.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        RouteRows.Table(rows, table).Write(output);
        return ExitCodes.Ok;
    }
}
