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
/// noticed, so the read then waits until the files have had no such change for <see cref="SettleTime"/>, or, on
/// Linux (inotify), until the writer closes the file. A file moved in from outside the watched directory is complete
/// when it appears, and is read at once on Linux; <see cref="FileSystemWatcher"/> (elsewhere) reports it as created.
/// </para>
/// </summary>
public sealed class FileResourceProvider(IReadOnlyList<string> paths, TimeProvider? clock = null, TimeSpan? pollInterval = null) : IResourceProvider
{
    /// <summary>Quiet time after an in-place write before the files are read.</summary>
    internal static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<ProviderUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var store = new ManifestStore(clock);
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        // Watch before the first read: an edit made while the consumer is still busy with the first update must
        // raise an event, not wait for the poll. (An event for something the first read already saw only costs a reload.)
        // A rename or delete is complete when its event arrives: read at once. A created or written file (cp, cat >,
        // an editor saving in place), or a change only the poll saw, may still be filling: read it once it has been
        // quiet for SettleTime, so a half-written file is never applied.
        // On Linux, inotify also tells a file moved in from outside, or closed by its writer, from one still being
        // written: those are read at once too, and a close ends the wait for the file it closes (see LinuxInotify).
        var settle = new WriteSettle(SettleTime);
        void Report(FileChange change)
        {
            settle.Note(change);
            changed.Writer.TryWrite(true);
        }

        var watcher = ChangeSources.Create(paths, Report);
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
                    Report(new FileChange(ChangeKind.Written, null));
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
                    await SettleAsync(settle, changed.Reader, cancellationToken).ConfigureAwait(false);
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
            watcher.Dispose();
        }
    }

    // Waits until no write may still be in progress. Every change also lands in the channel, so a close (or a further
    // write) wakes this wait to look again; the reload that follows covers what those signals asked for.
    private static async Task SettleAsync(WriteSettle settle, ChannelReader<bool> changes, CancellationToken cancellationToken)
    {
        while (settle.Remaining() is var wait && wait > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                if (await changes.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    changes.TryRead(out _);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
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
}
