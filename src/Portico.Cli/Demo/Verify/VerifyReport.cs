namespace Portico.Cli.Demo.Verify;

/// <summary>The <c>--verify</c> rows, in the order they ran, printed as an aligned CHECK/EXPECTED/ACTUAL/RESULT table.</summary>
internal sealed class VerifyReport
{
    // Wide enough for every expectation; longer actual values (error details) are cut so rows stay one line.
    private const int MaxCell = 72;

    private readonly List<VerifyCheck> _checks = [];

    public IReadOnlyList<VerifyCheck> Checks => _checks;

    public bool AllPassed => _checks.All(c => c.Result != VerifyResult.Fail);

    public int Failed => _checks.Count(c => c.Result == VerifyResult.Fail);

    public int Passed => _checks.Count(c => c.Result == VerifyResult.Pass);

    public void Add(string name, string expected, string actual, bool passed) =>
        _checks.Add(new VerifyCheck(name, expected, actual, passed ? VerifyResult.Pass : VerifyResult.Fail));

    /// <summary>Passes when <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public void Expect(string name, string expected, string actual) => Add(name, expected, actual, string.Equals(expected, actual, StringComparison.Ordinal));

    public void Info(string name, string expected, string actual) => _checks.Add(new VerifyCheck(name, expected, actual, VerifyResult.Info));

    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rows = new List<string[]> { new[] { "CHECK", "EXPECTED", "ACTUAL", "RESULT" } };
        rows.AddRange(_checks.Select(c => new[] { c.Name, Cut(c.Expected), Cut(c.Actual), c.Result.ToString().ToUpperInvariant() }));
        TextColumns.Write(writer, rows);

        var info = _checks.Count(c => c.Result == VerifyResult.Info);
        writer.WriteLine();
        writer.WriteLine(Failed == 0
            ? $"verify: all {Passed} checks passed ({info} informational)"
            : $"verify: {Failed} of {Passed + Failed} checks FAILED ({info} informational)");
    }

    private static string Cut(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxCell ? line : line[..(MaxCell - 1)] + "…";
    }
}
