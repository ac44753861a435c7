using System.CommandLine;

namespace Portico.Cli.Admin;

/// <summary>
/// Runs a command body against the admin API and turns its failures into one line on stderr and exit code 1
/// (<c>portico get: cannot reach the Portico admin API at 127.0.0.1:9901: connection refused. ...</c>).
/// </summary>
internal static class AdminCommandRunner
{
    public static async Task<int> RunAsync(string command, ParseResult parseResult, Option<string> address,
        Func<AdminClient, TextWriter, TextWriter, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(body);
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;

        // Validated while parsing; TryParse cannot fail here.
        AdminAddressOption.TryParse(parseResult.GetRequiredValue(address), out var uri);
        using var client = new AdminClient(uri, AdminAddressOption.Timeout);
        try
        {
            return await body(client, output, error).ConfigureAwait(false);
        }
        catch (AdminApiException e)
        {
            await error.WriteLineAsync($"portico {command}: {e.Message}").ConfigureAwait(false);
            return AdminExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return AdminExitCodes.Unavailable;
        }
    }
}
