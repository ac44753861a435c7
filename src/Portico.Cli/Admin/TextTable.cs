namespace Portico.Cli.Admin;

/// <summary>
/// A kubectl-style table: upper-case headers, columns padded to their widest cell and three spaces apart, the last
/// column never padded (so long values stay whole). A cell may hold several lines; the row then grows downwards and
/// the other columns stay blank on the extra lines (one backend per line in <c>portico routes</c>).
/// </summary>
internal sealed class TextTable
{
    private const string Gap = "   ";
    private readonly string[] _headers;
    private readonly List<string[][]> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
    }

    /// <summary>A second header line of dashes, as <c>kubectl describe</c> prints under its condition headers.</summary>
    public bool Underline { get; init; }

    public string Indent { get; init; } = string.Empty;

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add([.. cells.Select(static c => c.ReplaceLineEndings("\n").Split('\n'))]);
    }

    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = _headers.Select(static h => h.Length).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Max(static line => line.Length));
            }
        }

        WriteLine(writer, _headers, widths);
        if (Underline)
        {
            WriteLine(writer, [.. _headers.Select(static h => new string('-', h.Length))], widths);
        }

        foreach (var row in _rows)
        {
            var height = row.Max(static lines => lines.Length);
            for (var line = 0; line < height; line++)
            {
                WriteLine(writer, [.. row.Select(lines => line < lines.Length ? lines[line] : string.Empty)], widths);
            }
        }
    }

    private void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            parts[i] = i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]);
        }

        writer.WriteLine((Indent + string.Join(Gap, parts)).TrimEnd());
    }
}
