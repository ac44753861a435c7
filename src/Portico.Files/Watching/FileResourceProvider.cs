using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Portico.Files.Reading;
using Portico.Model.Snapshot;

namespace Portico.Files.Watching;

/// <summary>
/// The standalone provider: manifests from files and directories, re-read whenever they change. Change detection
/// uses file-system events for speed and a periodic scan of names, sizes and modification times as a safety net
/// (events are lost on some file systems and with ConfigMap-style symlink swaps). A file that fails to read keeps
/// its last good objects (see <see cref="ManifestStore"/>).
/// <para>
/// A file renamed into place or deleted is read at once (the control loop applies a lone change without a hold-off).
/// A file created or written in place, or a change only the periodic scan saw, may still be half written when it is
/// noticed, so the read then waits until the files have had no such change for <see cref="SettleTime"/>.
/// </para>
/// </summary>
public sealed class FileResourceProvider(IReadOnlyList<string> paths, TimeProvider? clock = null, TimeSpan? pollInterval = null) : IResourceProvider
{
    /// <summary>Quiet time after an in-place write before the files are read.</summary>
    internal static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(1);

    // Stopwatch timestamp of the latest in-place write (Changed event) not yet waited out; 0 when none.
    private long _lastWrite;

    public async IAsyncEnumerable<ProviderUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var store = new ManifestStore(clock);
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        // Watch before the first read: an edit made while the consumer is still busy with the first update must
        // raise an event, not wait for the poll. (An event for something the first read already saw only costs a reload.)
        // A rename or delete is complete when its event arrives: read at once. A created or written file (cp, cat >,
        // an editor saving in place), or a change only the poll saw, may still be filling: read it once it has been
        // quiet for SettleTime, so a half-written file is never applied.
        void Written()
        {
            Interlocked.Exchange(ref _lastWrite, Stopwatch.GetTimestamp());
            changed.Writer.TryWrite(true);
        }

        var watchers = CreateWatchers(() => changed.Writer.TryWrite(true), Written);
        try
        {
            var fingerprint = Fingerprint.Of(paths);
            yield return store.Reload(paths).ToProviderUpdate();

            using var timer = new PeriodicTimer(_poll);
            var poll = PollAsync(timer, () =>
            {
                var now = Fingerprint.Of(paths);
                if (now != fingerprint)
                {
                    fingerprint = now;
                    Written();
                }
            }, cancellationToken);

            while (true)
            {
                try
                {
                    await changed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                try
                {
                    await SettleAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                fingerprint = Fingerprint.Of(paths);
                yield return store.Reload(paths).ToProviderUpdate();
            }

            await poll.ConfigureAwait(false);
        }
        finally
        {
            foreach (var w in watchers)
            {
                w.Dispose();
            }
        }
    }

    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _lastWrite) is var last and not 0)
        {
            var quiet = Stopwatch.GetElapsedTime(last);
            if (quiet >= SettleTime)
            {
                Interlocked.CompareExchange(ref _lastWrite, 0, last);
                continue;
            }

            await Task.Delay(SettleTime - quiet, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PollAsync(PeriodicTimer timer, Action check, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                check();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private List<FileSystemWatcher> CreateWatchers(Action signal, Action written)
    {
        var watchers = new List<FileSystemWatcher>();
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
                w.Changed += (_, _) => written();
                w.Created += (_, _) => written();
                w.Deleted += (_, _) => signal();
                w.Renamed += (_, _) => signal();
                w.EnableRaisingEvents = true;
                watchers.Add(w);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // inotify limits and the like: polling still covers the path.
            }
        }

        return watchers;
    }
}
