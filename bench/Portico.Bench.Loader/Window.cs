using System.Diagnostics;

namespace Portico.Bench.Loader;

/// <summary>The end of the measurement window (Stopwatch ticks); it can be brought forward while workers run.</summary>
internal sealed class Window(long end)
{
    private long _end = end;

    public long End => Volatile.Read(ref _end);

    public void EndNow() => Volatile.Write(ref _end, Math.Min(End, Stopwatch.GetTimestamp()));
}
