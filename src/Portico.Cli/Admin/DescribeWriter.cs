using System.Globalization;
using Portico.Model.Meta;

namespace Portico.Cli.Admin;

/// <summary>
/// The layout of <c>kubectl describe</c>: <c>Label:  value</c> lines, nested two spaces per level, values of one
/// block aligned, and condition tables with a dashed header line.
/// </summary>
internal sealed class DescribeWriter(TextWriter writer, DateTimeOffset now)
{
    private const int ValueColumn = 24;

    public TextWriter Writer => writer;

    public void Field(int level, string label, string? value)
    {
        var prefix = new string(' ', level * 2) + label + ":";
        var text = string.IsNullOrEmpty(value) ? "<none>" : value;
        writer.WriteLine(prefix.Length + 2 > ValueColumn ? $"{prefix}  {text}" : prefix.PadRight(ValueColumn) + text);
    }

    public void Field(int level, string label, long value) => Field(level, label, value.ToString(CultureInfo.InvariantCulture));

    public void Section(int level, string label) => writer.WriteLine(new string(' ', level * 2) + label + ":");

    public void Line(int level, string text) => writer.WriteLine(new string(' ', level * 2) + text);

    public void Map(int level, string label, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            Field(level, label, "<none>");
            return;
        }

        var first = true;
        foreach (var (key, value) in values.OrderBy(static kv => kv.Key, StringComparer.Ordinal))
        {
            Field(level, first ? label : string.Empty, $"{key}={value}");
            first = false;
        }
    }

    /// <summary>An RFC 3339 time and how long ago it was (<c>2026-01-01T00:00:00Z (5m ago)</c>).</summary>
    public string Time(DateTimeOffset? time) => time is { } t
        ? $"{t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({HumanAge.Format(now - t)} ago)"
        : "<unknown>";

    public void Conditions(int level, IReadOnlyList<Condition>? conditions)
    {
        Section(level, "Conditions");
        if (conditions is null || conditions.Count == 0)
        {
            Line(level + 1, "<none>");
            return;
        }

        var table = new TextTable("Type", "Status", "Reason", "ObservedGeneration", "LastTransitionTime", "Message")
        {
            Underline = true,
            Indent = new string(' ', (level + 1) * 2),
        };
        foreach (var c in conditions)
        {
            table.Add(c.Type, c.Status, c.Reason, c.ObservedGeneration?.ToString(CultureInfo.InvariantCulture) ?? "<none>",
                Time(c.LastTransitionTime), c.Message.ReplaceLineEndings(" "));
        }

        table.Write(writer);
    }

    /// <summary>The header every kind shares: name, namespace, kind, labels, annotations, creation, generation.</summary>
    public void Metadata(KubeObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        Field(0, "Name", o.Name);
        if (!string.IsNullOrEmpty(o.Namespace))
        {
            Field(0, "Namespace", o.Namespace);
        }

        Field(0, "Kind", $"{o.Kind} ({o.ApiVersion})");
        Map(0, "Labels", o.Metadata.Labels);
        Map(0, "Annotations", o.Metadata.Annotations);
        Field(0, "Created", Time(o.Metadata.CreationTimestamp));
        Field(0, "Generation", o.Generation);
    }
}
