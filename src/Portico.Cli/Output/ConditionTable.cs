using Portico.Model.Meta;

namespace Portico.Cli.Output;

/// <summary>
/// Conditions as an aligned <c>TYPE STATUS REASON MESSAGE</c> table, like <c>kubectl describe</c>. The message
/// column is last and never padded or cut, so long messages stay whole and copy-pasteable.
/// </summary>
internal static class ConditionTable
{
    private const string Gap = "  ";

    public static void Write(TextWriter writer, string indent, IReadOnlyList<Condition> conditions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.Count == 0)
        {
            writer.WriteLine($"{indent}(no conditions)");
            return;
        }

        var rows = new List<string[]>(conditions.Count + 1) { new[] { "TYPE", "STATUS", "REASON", "MESSAGE" } };
        foreach (var c in conditions)
        {
            rows.Add([c.Type, c.Status, c.Reason, OneLine(c.Message)]);
        }

        var widths = new int[3];
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = indent + row[0].PadRight(widths[0]) + Gap + row[1].PadRight(widths[1]) + Gap +
                row[2].PadRight(widths[2]) + Gap + row[3];
            writer.WriteLine(line.TrimEnd());
        }
    }

    // A message with a line break would break the table's one-row-per-condition shape.
    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
