using Portico.Cli;

namespace Portico.Ops.Tests;

/// <summary>What one in-process <c>portico</c> invocation printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PorticoCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Table lines split on runs of spaces, header first.</summary>
    public IReadOnlyList<string[]> Rows =>
        [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
