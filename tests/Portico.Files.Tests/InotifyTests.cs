using System.Diagnostics;
using System.Runtime.Versioning;
using System.Threading.Channels;
using Portico.Files.Tests.Support;
using Portico.Files.Watching;

namespace Portico.Files.Tests;

/// <summary>
/// The Linux change source on real files: what each kind of change is reported as. Complete changes are read at once,
/// written ones after a quiet time, so a moved-in file must never be reported as written, and an open file never as complete.
/// (Elsewhere these tests return at once: the portable watcher is used there.)
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class InotifyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _outside = new();
    private readonly Channel<FileChange> _changes = Channel.CreateUnbounded<FileChange>();
    private int _sentinels;

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task AFileMovedInFromOutsideIsCompleteAndNeverWritten()
    {
        using var source = Start();
        if (source is null)
        {
            return;
        }

        // As the benchmark and most deploy tools do: write a temporary file elsewhere, rename it into place.
        var temp = Path.Combine(_outside.Path, "routes.yaml.tmp");
        await File.WriteAllTextAsync(temp, "kind: Nothing\n");
        var target = _dir.File("routes.yaml");
        File.Move(temp, target, overwrite: true);

        Assert.Equal([new FileChange(ChangeKind.Complete, target)], await ChangesOf(target));
    }

    [Fact]
    public async Task ARenameAndADeleteAreComplete()
    {
        var a = _dir.Write("a.yaml", "kind: A\n");
        using var source = Start();
        if (source is null)
        {
            return;
        }

        var b = _dir.File("b.yaml");
        File.Move(a, b, overwrite: true);
        File.Delete(b);

        var changes = await Changes();
        Assert.Equal([new FileChange(ChangeKind.Complete, a)], changes.Where(c => c.Path == a));
        Assert.Equal([new FileChange(ChangeKind.Complete, b), new FileChange(ChangeKind.Complete, b)], changes.Where(c => c.Path == b));
    }

    [Fact]
    public async Task AFileStillOpenIsWrittenAndItsCloseIsComplete()
    {
        using var source = Start();
        if (source is null)
        {
            return;
        }

        var path = _dir.File("routes.yaml");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await file.WriteAsync("kind: Half"u8.ToArray());
            await file.FlushAsync();

            var open = await ChangesOf(path);
            Assert.NotEmpty(open);
            Assert.All(open, c => Assert.Equal(ChangeKind.Written, c.Kind));
        }

        Assert.Equal([new FileChange(ChangeKind.Complete, path)], await ChangesOf(path));
    }

    [Fact]
    public async Task AnInPlaceWriteEndsComplete()
    {
        var path = _dir.Write("routes.yaml", "kind: Old\n");
        using var source = Start();
        if (source is null)
        {
            return;
        }

        await File.WriteAllTextAsync(path, "kind: New\n");

        var changes = await ChangesOf(path);
        Assert.Equal(new FileChange(ChangeKind.Complete, path), changes[^1]);
        Assert.All(changes.SkipLast(1), c => Assert.Equal(ChangeKind.Written, c.Kind));
    }

    [Fact]
    public async Task DirectoriesMadeOrMovedInLaterAreWatched()
    {
        using var source = Start();
        if (source is null)
        {
            return;
        }

        var made = _dir.File("made");
        Directory.CreateDirectory(made);
        var moved = _dir.File("moved");
        Directory.CreateDirectory(Path.Combine(_outside.Path, "moved"));
        Directory.Move(Path.Combine(_outside.Path, "moved"), moved);
        var changes = await Changes();
        Assert.Contains(new FileChange(ChangeKind.Written, made), changes);
        Assert.Contains(new FileChange(ChangeKind.Complete, moved), changes);

        var inMade = Path.Combine(made, "a.yaml");
        var inMoved = Path.Combine(moved, "b.yaml");
        await File.WriteAllTextAsync(inMade, "kind: A\n");
        await File.WriteAllTextAsync(inMoved, "kind: B\n");
        changes = await Changes();
        Assert.Equal(new FileChange(ChangeKind.Complete, inMade), changes.Last(c => c.Path == inMade));
        Assert.Equal(new FileChange(ChangeKind.Complete, inMoved), changes.Last(c => c.Path == inMoved));
    }

    [Fact]
    public async Task AConfigMapSymlinkSwapIsComplete()
    {
        // The kubelet's layout: the files are symlinks through ..data, which is swapped to a new timestamped directory.
        _dir.Write("..2025_01/class.yaml", "kind: Old\n");
        File.CreateSymbolicLink(_dir.File("..data"), "..2025_01");
        File.CreateSymbolicLink(_dir.File("class.yaml"), "..data/class.yaml");
        using var source = Start();
        if (source is null)
        {
            return;
        }

        _dir.Write("..2025_02/class.yaml", "kind: New\n");
        File.CreateSymbolicLink(_dir.File("..data_tmp"), "..2025_02");
        Rename(_dir.File("..data_tmp"), _dir.File("..data"));

        var changes = await Changes();
        Assert.Contains(new FileChange(ChangeKind.Complete, _dir.File("..data")), changes);
        Assert.All(changes, c => Assert.Equal(ChangeKind.Complete, c.Kind)); // the hidden new directory holds nothing back
    }

    [Fact]
    public async Task AConfiguredFileIsWatchedAloneInItsDirectory()
    {
        var path = _dir.Write("routes.yaml", "kind: Old\n");
        using var source = Start(path);
        if (source is null)
        {
            return;
        }

        await File.WriteAllTextAsync(_dir.File("other.yaml"), "kind: Other\n");
        var temp = Path.Combine(_outside.Path, "routes.yaml.tmp");
        await File.WriteAllTextAsync(temp, "kind: New\n");
        File.Move(temp, path, overwrite: true);

        var change = await _changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new FileChange(ChangeKind.Complete, path), change);
    }

    [Fact]
    public void EventMasksAreClassified()
    {
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x80)); // IN_MOVED_TO
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x40)); // IN_MOVED_FROM
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x200)); // IN_DELETE
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x8)); // IN_CLOSE_WRITE
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x400)); // IN_DELETE_SELF
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x800)); // IN_MOVE_SELF
        Assert.Equal(ChangeKind.Complete, LinuxInotify.Classify(0x80 | 0x40000000)); // IN_MOVED_TO | IN_ISDIR
        Assert.Equal(ChangeKind.Written, LinuxInotify.Classify(0x100)); // IN_CREATE
        Assert.Equal(ChangeKind.Written, LinuxInotify.Classify(0x2)); // IN_MODIFY
        Assert.Equal(ChangeKind.Written, LinuxInotify.Classify(0x4000)); // IN_Q_OVERFLOW: everything, after quiet
        Assert.Null(LinuxInotify.Classify(0x8000)); // IN_IGNORED
    }

    [Fact]
    public async Task DisposingStopsTheReaderPromptly()
    {
        var source = Start();
        if (source is null)
        {
            return;
        }

        await Task.Run(source.Dispose).WaitAsync(TimeSpan.FromSeconds(5));
        source.Dispose(); // twice is harmless
    }

    private LinuxInotify? Start(string? path = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var source = LinuxInotify.TryStart([path ?? _dir.Path], c => _changes.Writer.TryWrite(c));
        Assert.NotNull(source); // inotify is available on every Linux these tests run on
        return source;
    }

    private async Task<List<FileChange>> ChangesOf(string path) =>
        [.. (await Changes()).Where(c => c.Path == path)];

    // Every change reported before a sentinel file moved in now: inotify keeps the order, so everything the test did
    // before has been reported by the time the sentinel is.
    private async Task<List<FileChange>> Changes()
    {
        var name = "sentinel-" + ++_sentinels;
        var temp = Path.Combine(_outside.Path, name);
        await File.WriteAllTextAsync(temp, "");
        var sentinel = _dir.File(name);
        File.Move(temp, sentinel, overwrite: true);

        var seen = new List<FileChange>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var change = await _changes.Reader.ReadAsync(timeout.Token);
            if (change.Path == sentinel)
            {
                return seen;
            }

            seen.Add(change);
        }
    }

    private static void Rename(string from, string to)
    {
        using var mv = Process.Start("mv", ["-T", from, to]);
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }
}
