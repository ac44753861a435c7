using System.Globalization;
using System.Text;

namespace Portico.Files.Yaml;

/// <summary>
/// How <see cref="YamlDocumentWriter"/> spells a string: plain when that reads back as the same string, a block
/// literal for multi-line text that allows it, otherwise double-quoted with escapes.
/// </summary>
internal static class YamlScalarFormatter
{
    // Characters that start something other than a plain scalar when they come first.
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    /// <summary>A single-line value: plain or double-quoted.</summary>
    public static string Inline(string text) => CanBePlain(text) ? text : DoubleQuoted(text);

    /// <summary>A mapping key: as a value, except that a plain <c>&lt;&lt;</c> would be read as a merge key.</summary>
    public static string Key(string text) => text != "<<" && CanBePlain(text) ? text : DoubleQuoted(text);

    /// <summary>True when the string reads back unchanged without quotes in block context.</summary>
    public static bool CanBePlain(string text)
    {
        if (text.Length == 0 || YamlScalars.IsNonString(text) || IsYaml11NonString(text))
        {
            return false;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || Indicators.Contains(text[0], StringComparison.Ordinal))
        {
            return false;
        }

        if (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        if (text.EndsWith(':') || text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) ||
            text.Contains(":\t", StringComparison.Ordinal) || text.Contains("\t#", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (NeedsEscape(c) || c is '\t' or '\n' or '\r')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="text"/> (which has a line break) can be written as a block literal (<c>|</c>) and
    /// read back unchanged: printable, no carriage returns, no trailing blanks on any line (chomping and
    /// indentation rules make those fragile), and a first line that is neither blank nor indented (which would
    /// need an explicit indentation indicator).
    /// </summary>
    public static bool CanBeLiteral(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal) || text[0] is ' ' or '\t' or '\n')
        {
            return false;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[^1] is ' ' or '\t')
            {
                return false;
            }

            foreach (var c in line)
            {
                if (c == '\r' || NeedsEscape(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The literal's header: <c>|</c> keeps one final newline, <c>|-</c> none, <c>|+</c> all of them.</summary>
    public static string LiteralHeader(string text)
    {
        if (!text.EndsWith('\n'))
        {
            return "|-";
        }

        return text.EndsWith("\n\n", StringComparison.Ordinal) ? "|+" : "|";
    }

    // Readers on YAML 1.1 (kubectl among them) take these as booleans or numbers; quoting them costs nothing and
    // keeps the output meaning the same everywhere.
    private static bool IsYaml11NonString(string text)
    {
        switch (text)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO":
            case "on" or "On" or "ON" or "off" or "Off" or "OFF":
                return true;
        }

        return text.Contains('_', StringComparison.Ordinal) && YamlScalars.IsNonString(text.Replace("_", string.Empty, StringComparison.Ordinal));
    }

    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (NeedsEscape(c))
                    {
                        builder.Append(c <= 0xFF ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    // Not printable in YAML, or read as a line break by some parsers (C0/C1 controls, DEL, NEL, BOM, U+2028/9,
    // non-characters): escaped in double quotes. Tab and line feed are handled by the callers.
    private static bool NeedsEscape(char c) =>
        (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF' ||
        c == '\u2028' || c == '\u2029' || c is '\uFFFE' or '\uFFFF';
}
