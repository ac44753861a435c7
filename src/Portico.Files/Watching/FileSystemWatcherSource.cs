namespace Portico.Files.Watching;

/// <summary>
/// The portable change source. <see cref="FileSystemWatcher"/> cannot tell a file moved in from outside the watched
/// directory, or one whose writer has closed it, from one still being written, so creates and writes are reported
/// as <see cref="ChangeKind.Written"/> (the read waits for quiet) and renames and deletes as <see cref="ChangeKind.Complete"/>.
/// </summary>
internal sealed class FileSystemWatcherSource : IChangeSource
{
    private readonly List<FileSystemWatcher> _watchers = [];

    public FileSystemWatcherSource(IReadOnlyList<string> paths, Action<FileChange> report)
    {
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            string directory;
            string filter;
            var recursive = false;
            if (Directory.Exists(full))
            {
                (directory, filter, recursive) = (full, "*", true);
            }
            else
            {
                directory = Path.GetDirectoryName(full) ?? full;
                filter = Path.GetFileName(full);
            }

            if (!Directory.Exists(directory))
            {
                continue; // the periodic scan notices when it appears.
            }

            try
            {
                var w = new FileSystemWatcher(directory, filter) { IncludeSubdirectories = recursive };

                // No path: these events never end a wait for quiet (no close is ever reported here).
                w.Changed += (_, _) => report(new FileChange(ChangeKind.Written, null));
                w.Created += (_, _) => report(new FileChange(ChangeKind.Written, null));
                w.Deleted += (_, _) => report(new FileChange(ChangeKind.Complete, null));
                w.Renamed += (_, _) => report(new FileChange(ChangeKind.Complete, null));
                w.EnableRaisingEvents = true;
                _watchers.Add(w);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // inotify limits and the like: polling still covers the path.
            }
        }
    }

    public void Dispose()
    {
        foreach (var w in _watchers)
        {
            w.Dispose();
        }
    }
}
