using System.Globalization;
using System.Text;

namespace Portico.Files.Yaml;

/// <summary>
/// Field paths as shown to users: <c>spec.listeners[0].port</c>, with names that are not plain identifiers
/// bracketed as <c>metadata.labels['app.kubernetes.io/name']</c>. The empty string is the document root.
/// The same text is the key of a <see cref="SourceMap"/>, so every producer must build paths with these helpers.
/// </summary>
internal static class FieldPath
{
    public const string Root = "";

    public static string Property(string parent, string name)
    {
        if (IsPlainName(name))
        {
            return parent.Length == 0 ? name : parent + "." + name;
        }

        // Only the quote is escaped, as System.Text.Json does in JsonException.Path.
        return parent + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Join(string prefix, string relative)
    {
        if (prefix.Length == 0)
        {
            return relative;
        }

        if (relative.Length == 0)
        {
            return prefix;
        }

        return relative[0] == '[' ? prefix + relative : prefix + "." + relative;
    }

    public static string Build(IEnumerable<PathSegment> segments)
    {
        var path = Root;
        foreach (var segment in segments)
        {
            path = segment.Name is { } name ? Property(path, name) : Item(path, segment.Index);
        }

        return path;
    }

    /// <summary>The path one level up, or null for the root.</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var segments = Parse(path);
        if (segments is null || segments.Count == 0)
        {
            return Root;
        }

        segments.RemoveAt(segments.Count - 1);
        return Build(segments);
    }

    /// <summary>
    /// Parses a path in this format or in the format of <c>JsonException.Path</c> (<c>$.a.b[0]['c.d']</c>).
    /// Returns null when the text is not a path.
    /// </summary>
    public static List<PathSegment>? Parse(string? text)
    {
        var segments = new List<PathSegment>();
        if (string.IsNullOrEmpty(text))
        {
            return segments;
        }

        var i = text[0] == '$' ? 1 : 0;
        var expectName = i == 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                var name = new StringBuilder();
                i += 2;
                while (i < text.Length && !(text[i] == '\'' && i + 1 < text.Length && text[i + 1] == ']'))
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        i++;
                    }

                    name.Append(text[i]);
                    i++;
                }

                if (i >= text.Length)
                {
                    return null;
                }

                segments.Add(PathSegment.Property(name.ToString()));
                i += 2;
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0 || !int.TryParse(text.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(PathSegment.Item(index));
                i = end + 1;
            }
            else
            {
                if (c == '.')
                {
                    i++;
                }
                else if (!expectName)
                {
                    return null;
                }

                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }

                segments.Add(PathSegment.Property(text[start..i]));
            }

            expectName = false;
        }

        return segments;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
