namespace Portico.Demo.Tests.Support;

internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>The <c>--verify</c> table row whose CHECK column starts with <paramref name="check"/>.</summary>
    public string Row(string check) =>
        Out.Split('\n').SingleOrDefault(l => l.StartsWith(check, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no row '{check}' in:\n{Out}\n{Err}");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}
