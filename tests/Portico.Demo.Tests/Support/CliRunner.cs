using Portico.Cli;

namespace Portico.Demo.Tests.Support;

/// <summary>Runs the real entry point in-process (on a pool thread: it blocks until the command ends).</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Task.Run(() => PorticoCli.Run(args, output, error));
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
