namespace Portico.Translation.Tests.Golden;

/// <summary>
/// Finds the golden cases: every <c>*.in.yaml</c> under <c>&lt;repo&gt;/testdata</c>, where the repository root is
/// the first directory above the test assembly that contains <c>Portico.slnx</c>.
/// </summary>
internal static class GoldenCases
{
    public const string InputSuffix = ".in.yaml";
    public const string OutputSuffix = ".out.yaml";

    /// <summary>Set to <c>1</c> to (re)write every <c>.out.yaml</c> instead of comparing.</summary>
    public const string UpdateVariable = "PORTICO_UPDATE_GOLDEN";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string TestDataDirectory => Path.Combine(RepositoryRoot, "testdata");

    public static bool UpdateRequested =>
        string.Equals(Environment.GetEnvironmentVariable(UpdateVariable), "1", StringComparison.Ordinal);

    /// <summary>Case names: paths relative to <c>testdata</c>, '/'-separated, without the suffix; ordinal order.</summary>
    public static IReadOnlyList<string> Names()
    {
        if (!Directory.Exists(TestDataDirectory))
        {
            return [];
        }

        var names = Directory.EnumerateFiles(TestDataDirectory, "*" + InputSuffix, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(TestDataDirectory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Select(relative => relative[..^InputSuffix.Length])
            .ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static string InputPath(string name) => Path.Combine(TestDataDirectory, name.Replace('/', Path.DirectorySeparatorChar) + InputSuffix);

    public static string OutputPath(string name) => Path.Combine(TestDataDirectory, name.Replace('/', Path.DirectorySeparatorChar) + OutputSuffix);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portico.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no directory above {AppContext.BaseDirectory} contains Portico.slnx");
    }
}
