namespace Portico.Files.Watching;

/// <summary>What a file-system event says about the file it names.</summary>
internal enum ChangeKind
{
    /// <summary>The change is finished (a rename, a delete, a writer closing the file): read at once.</summary>
    Complete,

    /// <summary>The file may still be filling (created, written, attributes set): read once it has been quiet.</summary>
    Written,
}

/// <summary>One reported change; <see cref="Path"/> is null when the event cannot name a file (a queue overflow, a fallback watcher).</summary>
internal readonly record struct FileChange(ChangeKind Kind, string? Path);

/// <summary>A running source of <see cref="FileChange"/>s for the configured paths; disposing it stops the reports.</summary>
internal interface IChangeSource : IDisposable
{
}

internal static class ChangeSources
{
    /// <summary>
    /// inotify on Linux, so that complete changes (renames, closes after a write) are told from writes in progress;
    /// <see cref="FileSystemWatcher"/> elsewhere, or when inotify is unavailable or out of watches.
    /// </summary>
    public static IChangeSource Create(IReadOnlyList<string> paths, Action<FileChange> report)
    {
        if (OperatingSystem.IsLinux() && LinuxInotify.TryStart(paths, report) is { } inotify)
        {
            return inotify;
        }

        return new FileSystemWatcherSource(paths, report);
    }
}
