namespace Portico.Testing;

/// <summary>
/// A temporary directory of manifest files for Portico's file provider. Writes are atomic (write a temp file, then
/// rename over the target) because a file watcher may read at any moment and must never see half a file. The temp
/// files start with "." and end with ".tmp", so <c>*.yaml</c> globs ignore them. Deleted on dispose.
/// </summary>
public sealed class ManifestDirectory : IDisposable
{
    private ManifestDirectory(string path) => Path = path;

    public string Path { get; }

    public static ManifestDirectory Create(string prefix = "portico-manifests-") =>
        new(Directory.CreateTempSubdirectory(prefix).FullName);

    /// <summary>Writes (or atomically replaces) <paramref name="relativePath"/>; returns the full path.</summary>
    public string Write(string relativePath, string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var target = PathOf(relativePath);
        var directory = System.IO.Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, yaml);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return target;
    }

    public string Write(string relativePath, Manifests manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        return Write(relativePath, manifests.ToYaml());
    }

    /// <summary>Deletes <paramref name="relativePath"/>; false when it did not exist.</summary>
    public bool Delete(string relativePath)
    {
        var target = PathOf(relativePath);
        if (!File.Exists(target))
        {
            return false;
        }

        File.Delete(target);
        return true;
    }

    /// <summary>The full path of <paramref name="relativePath"/>, which must stay inside this directory.</summary>
    public string PathOf(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
        if (!full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' leaves the manifest directory.", nameof(relativePath));
        }

        return full;
    }

    /// <summary>Relative paths of the files present (temp files excluded), sorted.</summary>
    public IReadOnlyList<string> Files => [.. Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Where(f => !System.IO.Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal))
        .Select(f => System.IO.Path.GetRelativePath(Path, f))
        .Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: nothing to clean.
        }
        catch (IOException)
        {
            // A reader still holds a file open: leave the temp directory rather than fail the test.
        }
    }
}
