namespace Portico.Files.Reading;

/// <summary>
/// Expands <c>--config</c> paths into the files to read: a file as given; a directory searched recursively for
/// <c>*.yaml</c>/<c>*.yml</c> (any case). Entries whose name starts with a dot are skipped inside directories
/// (editor swap files, and the <c>..data</c> links of a mounted ConfigMap, which would otherwise be read twice).
/// Symbolic links are followed, each real directory once. The result is free of repeats and sorted ordinal by
/// full path, so the reading order never depends on the file system.
/// </summary>
internal static class ManifestSources
{
    public static IReadOnlyList<ManifestSource> Expand(IEnumerable<string> paths, List<ManifestDiagnostic> diagnostics)
    {
        var found = new Dictionary<string, ManifestSource>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                diagnostics.Add(Error(path ?? string.Empty, "empty path"));
                continue;
            }

            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
            {
                diagnostics.Add(Error(path, "invalid path: " + e.Message));
                continue;
            }

            if (Directory.Exists(full))
            {
                var visited = new HashSet<string>(StringComparer.Ordinal);
                AddDirectory(path, full, found, visited, diagnostics);
            }
            else if (File.Exists(full))
            {
                found.TryAdd(full, new ManifestSource(path, full));
            }
            else
            {
                diagnostics.Add(Error(path, "no such file or directory"));
            }
        }

        var sources = found.Values.ToList();
        sources.Sort(static (a, b) => string.CompareOrdinal(a.Identity, b.Identity));
        return sources;
    }

    public static bool IsManifestName(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static void AddDirectory(string display, string full, Dictionary<string, ManifestSource> found, HashSet<string> visited, List<ManifestDiagnostic> diagnostics)
    {
        try
        {
            var real = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            if (!visited.Add(real))
            {
                return;
            }

            var directory = new DirectoryInfo(full);
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                var entryDisplay = Path.Join(display, entry.Name);
                var isDirectory = entry is DirectoryInfo || (entry.LinkTarget is not null && Directory.Exists(entry.FullName));
                if (isDirectory)
                {
                    AddDirectory(entryDisplay, entry.FullName, found, visited, diagnostics);
                }
                else if (IsManifestName(entry.Name) && File.Exists(entry.FullName))
                {
                    found.TryAdd(entry.FullName, new ManifestSource(entryDisplay, entry.FullName));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            diagnostics.Add(Error(display, "cannot list directory: " + e.Message));
        }
    }

    private static ManifestDiagnostic Error(string path, string message) =>
        new(DiagnosticSeverity.Error, path, null, null, null, message);
}
