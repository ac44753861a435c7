namespace Portico.TestSupport;

/// <summary>(Linked into the test projects that read repository files.) The repository root: the nearest directory above the test binaries that holds <c>Portico.slnx</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Portico.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Portico.slnx above {AppContext.BaseDirectory}");
    }
}
