namespace Portico.Files.Tests.Support;

/// <summary>Builds YAML test inputs from lines, so expected line numbers can be counted in the test.</summary>
public static class Yaml
{
    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
