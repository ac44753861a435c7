using Portico.Files.Reading;

namespace Portico.Cli.Demo;

/// <summary>
/// Where the demo reads and writes: the <c>--config</c> paths, and the generated directory (CA and TLS Secrets),
/// which lies inside the first config directory by default so that <c>portico check</c> on that directory finds
/// the Secrets too. A generated directory outside every config path is read as one more config path.
/// </summary>
internal sealed class DemoWorkspace
{
    public const string GeneratedDirectoryName = "generated";

    private DemoWorkspace(IReadOnlyList<string> configPaths, string generatedDirectory)
    {
        ConfigPaths = configPaths;
        GeneratedDirectory = generatedDirectory;
    }

    /// <summary>The <c>--config</c> paths, as given.</summary>
    public IReadOnlyList<string> ConfigPaths { get; }

    /// <summary>Full path of the directory holding what the demo generates.</summary>
    public string GeneratedDirectory { get; }

    public string TlsSecretsFile => Path.Combine(GeneratedDirectory, "tls-secrets.yaml");

    public string CaCertificateFile => Path.Combine(GeneratedDirectory, "ca.crt");

    /// <summary>Every path to read: the config paths, plus the generated directory when none of them holds it.</summary>
    public IReadOnlyList<string> ReadPaths
    {
        get
        {
            var inside = ConfigPaths.Any(p => Directory.Exists(p) && IsUnder(GeneratedDirectory, Path.GetFullPath(p)));
            return inside || !Directory.Exists(GeneratedDirectory) ? ConfigPaths : [.. ConfigPaths, GeneratedDirectory];
        }
    }

    public static DemoWorkspace Create(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generated = options.GeneratedDirectory;
        if (generated is null)
        {
            var first = options.ConfigPaths[0];
            var root = Directory.Exists(first) ? first : Path.GetDirectoryName(Path.GetFullPath(first)) ?? ".";
            generated = Path.Combine(root, GeneratedDirectoryName);
        }

        return new DemoWorkspace(options.ConfigPaths, Path.GetFullPath(generated));
    }

    public ManifestReadResult Read() => new ManifestReader().Read(ReadPaths);

    public bool IsGenerated(string file) => IsUnder(Path.GetFullPath(file), GeneratedDirectory);

    /// <summary>
    /// The manifest files of <see cref="ReadPaths"/> by the reader's rules (<c>*.yaml</c>/<c>*.yml</c>, recursively,
    /// names starting with a dot skipped), each with a unique path relative to a run directory.
    /// </summary>
    public IReadOnlyList<(string Source, string RunPath)> ManifestFiles()
    {
        var files = new List<(string, string)>();
        var paths = ReadPaths;
        for (var i = 0; i < paths.Count; i++)
        {
            var root = Path.GetFullPath(paths[i]);
            var prefix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (File.Exists(root))
            {
                files.Add((root, Path.Combine(prefix, Path.GetFileName(root))));
                continue;
            }

            foreach (var file in Enumerate(root))
            {
                files.Add((file, Path.Combine(prefix, Path.GetRelativePath(root, file))));
            }
        }

        return files;
    }

    /// <summary>A path to show a user: relative to the working directory when under it, else absolute.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    private static IEnumerable<string> Enumerate(string directory)
    {
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Where(e => !e.Name.StartsWith('.'))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo)
            {
                foreach (var file in Enumerate(entry.FullName))
                {
                    yield return file;
                }
            }
            else if (ManifestName(entry.Name))
            {
                yield return entry.FullName;
            }
        }
    }

    private static bool ManifestName(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnder(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
