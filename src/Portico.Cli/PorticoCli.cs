using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Portico.Cli.Commands;

namespace Portico.Cli;

/// <summary>
/// The command-line entry point. Takes its writers as parameters so tests run it in-process and read what a user
/// would see; nothing here touches <see cref="Console"/> or the environment.
/// </summary>
internal static class PorticoCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var root = BuildRootCommand();
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // Exceptions are reported below with our own exit code, not System.CommandLine's generic 1.
            EnableDefaultExceptionHandler = false,

            // `portico run` handles SIGTERM/SIGINT itself and drains for up to its grace period.
            ProcessTerminationTimeout = null,
        };

        if (parseResult.Action is ParseErrorAction parseError)
        {
            // The full help buries the one line that matters; print the errors and point at --help instead.
            // Its exit code (1) would read as "manifest error", hence our own.
            parseError.ShowHelp = false;
            parseResult.Invoke(configuration);
            error.WriteLine($"Run '{HelpCommandFor(parseResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parseResult.Invoke(configuration);
        }
#pragma warning disable CA1031 // The entry point must turn every failure into a message and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"portico: internal error: {ex}");
            return ExitCodes.InternalError;
        }
    }

    private static string HelpCommandFor(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Command is RootCommand ? "portico" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("Portico: a gRPC-first implementation of the Kubernetes Gateway API.")
        {
            // Under a test host the executable is not "portico"; help must still name the tool.
            HelpName = "portico",
        };

        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                // The default action reports the entry assembly, which is the test host when run in-process.
                version.Action = new VersionAction();
            }
        }

        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(TranslateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(GetCommand.Create());
        root.Subcommands.Add(DescribeCommand.Create());
        root.Subcommands.Add(RoutesCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }
}
