using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Portico.Files.Watching;

/// <summary>
/// A change source on Linux's inotify, read directly so that the kind of each change is known: a file moved in, renamed,
/// deleted, or closed by its writer is <see cref="ChangeKind.Complete"/>; one created or written (still open, maybe half
/// written) is <see cref="ChangeKind.Written"/>. (<see cref="FileSystemWatcher"/> reports a file moved in from outside the
/// watched directory as created, and never reports a close.) Directories are watched recursively, including ones created
/// or moved in later; names starting with '.' are not descended into (the reader skips them), but a rename onto such a
/// name (a ConfigMap's <c>..data</c> symlink swap) is still reported.
/// <para>
/// One thread polls the inotify descriptor and an eventfd; <see cref="Dispose"/> signals the eventfd, joins the thread,
/// then closes both, so no read is ever left blocked on a closed descriptor.
/// </para>
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxInotify : IChangeSource
{
    // A watched directory: every name in it (recursive roots and their subdirectories), or only the named files.
    private sealed class Watch(string path, HashSet<string>? names, bool recursive)
    {
        public string Path { get; set; } = path;

        public HashSet<string>? Names { get; set; } = names;

        public bool Recursive { get; set; } = recursive;
    }

    private const uint Mask = Native.IN_MODIFY | Native.IN_ATTRIB | Native.IN_CLOSE_WRITE | Native.IN_MOVED_FROM | Native.IN_MOVED_TO
        | Native.IN_CREATE | Native.IN_DELETE | Native.IN_DELETE_SELF | Native.IN_MOVE_SELF | Native.IN_ONLYDIR;

    private readonly int _fd;
    private readonly int _stop;
    private readonly Action<FileChange> _report;
    private readonly Dictionary<int, Watch> _watches = [];
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private Thread? _thread;
    private int _disposed;

    private LinuxInotify(int fd, int stop, Action<FileChange> report)
    {
        _fd = fd;
        _stop = stop;
        _report = report;
    }

    /// <summary>Watches <paramref name="paths"/>; null when inotify is unavailable or a path cannot be watched (limits).</summary>
    public static LinuxInotify? TryStart(IReadOnlyList<string> paths, Action<FileChange> report)
    {
        int fd;
        int stop;
        try
        {
            fd = Native.inotify_init1(Native.IN_CLOEXEC);
            if (fd < 0)
            {
                return null;
            }

            stop = Native.eventfd(0, Native.EFD_CLOEXEC);
            if (stop < 0)
            {
                _ = Native.close(fd);
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        var inotify = new LinuxInotify(fd, stop, report);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            bool ok;
            if (Directory.Exists(full))
            {
                ok = inotify.AddTree(full, new HashSet<string>(StringComparer.Ordinal));
            }
            else
            {
                var directory = Path.GetDirectoryName(full);
                if (directory is null || !Directory.Exists(directory))
                {
                    continue; // the periodic scan notices when it appears.
                }

                ok = inotify.Add(directory, Path.GetFileName(full), recursive: false) >= 0;
            }

            if (!ok)
            {
                inotify.Close();
                return null;
            }
        }

        inotify._thread = new Thread(inotify.Run) { IsBackground = true, Name = "Portico inotify" };
        inotify._thread.Start();
        return inotify;
    }

    /// <summary>The kind of change an inotify event mask reports; null for bookkeeping events (IN_IGNORED).</summary>
    internal static ChangeKind? Classify(uint mask)
    {
        if ((mask & Native.IN_Q_OVERFLOW) != 0)
        {
            return ChangeKind.Written; // events were lost: everything may have changed, and some of it may be mid-write.
        }

        if ((mask & (Native.IN_MOVED_TO | Native.IN_MOVED_FROM | Native.IN_DELETE | Native.IN_DELETE_SELF | Native.IN_MOVE_SELF
            | Native.IN_CLOSE_WRITE | Native.IN_UNMOUNT)) != 0)
        {
            return ChangeKind.Complete;
        }

        if ((mask & (Native.IN_CREATE | Native.IN_MODIFY | Native.IN_ATTRIB)) != 0)
        {
            return ChangeKind.Written;
        }

        return null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ulong one = 1;
        _ = Native.write(_stop, ref one, sizeof(ulong));
        if (_thread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        Close();
    }

    private void Close()
    {
        _ = Native.close(_fd);
        _ = Native.close(_stop);
    }

    // Adds a directory and (following symlinks, once per real directory) every subdirectory not named with a leading '.'.
    private bool AddTree(string directory, HashSet<string> visited)
    {
        try
        {
            var real = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
            if (!visited.Add(real))
            {
                return true;
            }

            if (Add(directory, null, recursive: true) < 0)
            {
                return false;
            }

            foreach (var sub in new DirectoryInfo(directory).EnumerateDirectories())
            {
                if (!sub.Name.StartsWith('.') && !AddTree(sub.FullName, visited))
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Gone or unreadable: the periodic scan covers it.
        }

        return true;
    }

    // Adds (or widens) the watch on a directory; name is the only file of interest, or null for all. The watch descriptor, or -1.
    private int Add(string directory, string? name, bool recursive)
    {
        var bytes = Encoding.UTF8.GetBytes(directory + "\0");
        var wd = Native.inotify_add_watch(_fd, ref bytes[0], Mask);
        if (wd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Native.ENOENT or Native.ENOTDIR or Native.EACCES ? 0 : -1; // gone or unreadable: not a limit.
        }

        if (_watches.TryGetValue(wd, out var watch))
        {
            // The same directory again (two configured files in it, or a directory moved within the tree).
            if (!string.Equals(watch.Path, directory, StringComparison.Ordinal))
            {
                Rename(watch.Path, directory);
            }

            watch.Recursive |= recursive;
            if (name is null || watch.Names is null)
            {
                watch.Names = null;
            }
            else
            {
                watch.Names.Add(name);
            }
        }
        else
        {
            _watches[wd] = new Watch(directory, name is null ? null : new HashSet<string>(StringComparer.Ordinal) { name }, recursive);
            _byPath[directory] = wd;
        }

        return wd;
    }

    private void Rename(string from, string to)
    {
        foreach (var (wd, watch) in _watches)
        {
            if (Under(watch.Path, from))
            {
                _byPath.Remove(watch.Path);
                watch.Path = to + watch.Path[from.Length..];
                _byPath[watch.Path] = wd;
            }
        }
    }

    // Stops watching a directory moved away or deleted, and everything under it.
    private void Remove(string directory)
    {
        foreach (var (wd, watch) in _watches.Where(w => Under(w.Value.Path, directory)).ToList())
        {
            _ = Native.inotify_rm_watch(_fd, wd);
            _watches.Remove(wd);
            _byPath.Remove(watch.Path);
        }
    }

    private static bool Under(string path, string directory) =>
        path.Length == directory.Length ? string.Equals(path, directory, StringComparison.Ordinal)
        : path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal);

    private void Run()
    {
        // Room for many events: a read returns whole events only, each at most 16 bytes plus NAME_MAX + 1.
        var buffer = new byte[64 * 1024];
        var fds = new Native.PollFd[2];
        while (true)
        {
            fds[0] = new Native.PollFd { Fd = _fd, Events = Native.POLLIN };
            fds[1] = new Native.PollFd { Fd = _stop, Events = Native.POLLIN };
            var ready = Native.poll(ref fds[0], 2, -1);
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == Native.EINTR)
                {
                    continue;
                }

                return;
            }

            if (fds[1].Revents != 0 || (fds[0].Revents & (Native.POLLERR | Native.POLLHUP | Native.POLLNVAL)) != 0)
            {
                return;
            }

            if ((fds[0].Revents & Native.POLLIN) == 0)
            {
                continue;
            }

            var read = Native.read(_fd, ref buffer[0], (nuint)buffer.Length);
            if (read < 0)
            {
                if (Marshal.GetLastPInvokeError() is Native.EINTR or Native.EAGAIN)
                {
                    continue;
                }

                return;
            }

            try
            {
                Dispatch(buffer.AsSpan(0, (int)read));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failing consumer must not stop the watching; the periodic scan is the safety net.
                _report(new FileChange(ChangeKind.Written, null));
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> events)
    {
        while (events.Length >= 16)
        {
            var wd = MemoryMarshal.Read<int>(events); // struct inotify_event, in the machine's byte order.
            var mask = MemoryMarshal.Read<uint>(events[4..]);
            var length = (int)MemoryMarshal.Read<uint>(events[12..]);
            var nameBytes = events.Slice(16, length);
            var end = nameBytes.IndexOf((byte)0);
            var name = Encoding.UTF8.GetString(end < 0 ? nameBytes : nameBytes[..end]);
            events = events[(16 + length)..];
            Handle(wd, mask, name);
        }
    }

    private void Handle(int wd, uint mask, string name)
    {
        if ((mask & Native.IN_Q_OVERFLOW) != 0)
        {
            _report(new FileChange(ChangeKind.Written, null));
            return;
        }

        if (!_watches.TryGetValue(wd, out var watch))
        {
            return; // a watch already removed; its last events are stale.
        }

        if ((mask & Native.IN_IGNORED) != 0)
        {
            _watches.Remove(wd);
            _byPath.Remove(watch.Path);
            return;
        }

        if (Classify(mask) is not { } kind)
        {
            return;
        }

        if (name.Length == 0)
        {
            // The watched directory itself was deleted, moved or unmounted.
            _report(new FileChange(kind, watch.Path));
            return;
        }

        var path = watch.Path + "/" + name;
        var isDirectory = (mask & Native.IN_ISDIR) != 0;
        if (watch.Names is { } names && !names.Contains(name) && !(kind == ChangeKind.Complete && name.StartsWith("..", StringComparison.Ordinal)))
        {
            return; // another file next to a configured one (but a ConfigMap's ..data swap is reported).
        }

        if (kind == ChangeKind.Written && name.StartsWith('.'))
        {
            // A hidden file or directory being written (an editor's swap file, a temporary, a ConfigMap's next
            // timestamped directory): the reader skips it, so it must not hold the read back.
            return;
        }

        if (isDirectory && watch.Recursive)
        {
            if ((mask & (Native.IN_MOVED_FROM | Native.IN_DELETE)) != 0)
            {
                Remove(path);
            }
            else if ((mask & (Native.IN_CREATE | Native.IN_MOVED_TO)) != 0 && !name.StartsWith('.'))
            {
                // Watch it before the read this change causes, so nothing written there afterwards is missed; what was
                // written before the watch is covered by that read (a created directory waits for quiet first).
                _ = AddTree(path, new HashSet<string>(StringComparer.Ordinal));
            }
        }

        _report(new FileChange(kind, path));
    }

    private static class Native
    {
        public const int IN_CLOEXEC = 0x80000; // O_CLOEXEC on every architecture .NET runs on Linux.
        public const int EFD_CLOEXEC = 0x80000;

        public const uint IN_MODIFY = 0x2;
        public const uint IN_ATTRIB = 0x4;
        public const uint IN_CLOSE_WRITE = 0x8;
        public const uint IN_MOVED_FROM = 0x40;
        public const uint IN_MOVED_TO = 0x80;
        public const uint IN_CREATE = 0x100;
        public const uint IN_DELETE = 0x200;
        public const uint IN_DELETE_SELF = 0x400;
        public const uint IN_MOVE_SELF = 0x800;
        public const uint IN_UNMOUNT = 0x2000;
        public const uint IN_Q_OVERFLOW = 0x4000;
        public const uint IN_IGNORED = 0x8000;
        public const uint IN_ONLYDIR = 0x1000000;
        public const uint IN_ISDIR = 0x40000000;

        public const short POLLIN = 0x1;
        public const short POLLERR = 0x8;
        public const short POLLHUP = 0x10;
        public const short POLLNVAL = 0x20;

        public const int ENOENT = 2;
        public const int EINTR = 4;
        public const int EAGAIN = 11;
        public const int EACCES = 13;
        public const int ENOTDIR = 20;

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int inotify_init1(int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int inotify_add_watch(int fd, ref byte pathname, uint mask);

        [DllImport("libc", SetLastError = true)]
        public static extern int inotify_rm_watch(int fd, int wd);

        [DllImport("libc", SetLastError = true)]
        public static extern int eventfd(uint initval, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int poll(ref PollFd fds, nuint nfds, int timeout);

        [DllImport("libc", SetLastError = true)]
        public static extern nint read(int fd, ref byte buf, nuint count);

        [DllImport("libc", SetLastError = true)]
        public static extern nint write(int fd, ref ulong buf, nuint count);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
