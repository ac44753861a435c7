using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portico.Testing;

/// <summary>
/// Writes <see cref="YamlMap"/>/list/scalar trees as block YAML in kubectl's style. Strings that YAML could read
/// as something else (numbers, booleans, null, wildcards) are double-quoted; everything else stays plain.
/// </summary>
internal static partial class YamlEmitter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null",
    };

    public static string Write(YamlMap document)
    {
        var sb = new StringBuilder();
        WriteMap(sb, document, 0);
        return sb.ToString();
    }

    public static string Scalar(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Unsupported YAML scalar {value.GetType().Name}.", nameof(value)),
    };

    public static string Quote(string text)
    {
        if (PlainPattern().IsMatch(text) && !Reserved.Contains(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    private static void WriteMap(StringBuilder sb, YamlMap map, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var (key, value) in map)
        {
            sb.Append(pad).Append(Quote(key)).Append(':');
            WriteAfterKey(sb, value, indent);
        }
    }

    private static void WriteAfterKey(StringBuilder sb, object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Count: 0 }:
                sb.Append(" {}\n");
                break;
            case YamlMap map:
                sb.Append('\n');
                WriteMap(sb, map, indent + 2);
                break;
            case RawYaml raw:
                sb.Append('\n').Append(raw.Indented(indent + 2));
                break;
            case string or bool or int or long:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
            case IList { Count: 0 }:
                sb.Append(" []\n");
                break;
            case IList list:
                sb.Append('\n');
                WriteList(sb, list, indent);
                break;
            default:
                throw new ArgumentException($"Unsupported YAML node {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteList(StringBuilder sb, IList list, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var item in list)
        {
            if (item is string or bool or int or long)
            {
                sb.Append(pad).Append("- ").Append(Scalar(item)).Append('\n');
                continue;
            }

            // Render the item one level deeper, then turn the first line's indentation into the "- " marker.
            var nested = new StringBuilder();
            switch (item)
            {
                case YamlMap map when map.Count > 0:
                    WriteMap(nested, map, indent + 2);
                    break;
                case RawYaml raw:
                    nested.Append(raw.Indented(indent + 2));
                    break;
                case IList inner when inner.Count > 0:
                    WriteList(nested, inner, indent + 2);
                    break;
                default:
                    sb.Append(pad).Append(item is IList ? "- []\n" : "- {}\n");
                    continue;
            }

            sb.Append(pad).Append("- ").Append(nested, indent + 2, nested.Length - indent - 2);
        }
    }

    // Starts with a letter, "_" or "/", then only characters that never change a plain scalar's meaning.
    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainPattern();
}
