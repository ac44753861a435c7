namespace Portico.Cli.Demo;

/// <summary>Rows as left-aligned columns separated by two spaces, like <c>kubectl get</c>; the last column is not padded.</summary>
internal static class TextColumns
{
    public static void Write(TextWriter writer, IReadOnlyList<string[]> rows, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(i => rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            writer.WriteLine((indent + string.Join("  ", cells)).TrimEnd());
        }
    }
}
