using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Portico.Cli.Commands;

/// <summary>Prints the version of the <c>portico</c> assembly (not of whatever process hosts it).</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } = ReadVersion();

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Ok;
    }

    private static string ReadVersion()
    {
        var assembly = typeof(VersionAction).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}
