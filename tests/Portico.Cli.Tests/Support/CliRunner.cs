namespace Portico.Cli.Tests.Support;

/// <summary>Runs the real entry point in-process with captured stdout and stderr.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PorticoCli.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
