namespace Portico.Testing;

/// <summary>A YAML fragment written by a test; re-indented to wherever it is placed.</summary>
internal sealed class RawYaml
{
    private readonly string[] _lines;

    public RawYaml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\t', StringComparison.Ordinal))
        {
            throw new ArgumentException("YAML snippets must be indented with spaces, not tabs.", nameof(text));
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            throw new ArgumentException("The YAML snippet is empty.", nameof(text));
        }

        // Dedent by the smallest indentation so snippets written inside C# raw strings can be indented freely.
        var common = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Min(l => l.Length - l.TrimStart(' ').Length);
        _lines = [.. lines.Select(l => string.IsNullOrWhiteSpace(l) ? string.Empty : l[common..].TrimEnd())];
    }

    public string Indented(int indent)
    {
        var pad = new string(' ', indent);
        return string.Concat(_lines.Select(l => l.Length == 0 ? "\n" : pad + l + "\n"));
    }
}
