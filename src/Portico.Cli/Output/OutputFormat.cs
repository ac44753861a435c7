namespace Portico.Cli.Output;

/// <summary>The values of <c>--output</c>, lower-case as typed.</summary>
internal static class OutputFormat
{
    public const string Table = "table";
    public const string Yaml = "yaml";
    public const string Json = "json";
}
