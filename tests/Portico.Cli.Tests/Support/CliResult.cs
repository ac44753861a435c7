namespace Portico.Cli.Tests.Support;

/// <summary>What one in-process run of the CLI produced.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err);
