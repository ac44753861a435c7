namespace Portico.Files.Watching;

/// <summary>
/// Which writes may still be in progress, and how long to wait for them. A write to a named file is waited out until
/// it has been quiet for the settle time or its writer closes the file (a <see cref="ChangeKind.Complete"/> change for
/// the same path); a write that names no file (a change only the periodic scan saw, a lost event) only by time.
/// </summary>
internal sealed class WriteSettle(TimeSpan settleTime, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _open = new(StringComparer.Ordinal);
    private long _unnamed;

    public void Note(FileChange change)
    {
        lock (_lock)
        {
            if (change.Kind == ChangeKind.Written)
            {
                var now = _time.GetTimestamp();
                if (change.Path is null)
                {
                    _unnamed = now;
                }
                else
                {
                    _open[change.Path] = now;
                }
            }
            else if (change.Path is not null)
            {
                _open.Remove(change.Path);
            }
        }
    }

    /// <summary>How much longer to wait before reading (zero: read now). Forgets the writes already waited out.</summary>
    public TimeSpan Remaining()
    {
        lock (_lock)
        {
            var wait = Left(ref _unnamed);
            if (_open.Count > 0)
            {
                List<string>? done = null;
                foreach (var (path, at) in _open)
                {
                    var last = at;
                    var left = Left(ref last);
                    if (left == TimeSpan.Zero)
                    {
                        (done ??= []).Add(path);
                    }
                    else if (left > wait)
                    {
                        wait = left;
                    }
                }

                foreach (var path in done ?? [])
                {
                    _open.Remove(path);
                }
            }

            return wait;
        }
    }

    private TimeSpan Left(ref long at)
    {
        if (at == 0)
        {
            return TimeSpan.Zero;
        }

        var quiet = _time.GetElapsedTime(at);
        if (quiet >= settleTime)
        {
            at = 0;
            return TimeSpan.Zero;
        }

        return settleTime - quiet;
    }
}
