namespace Portico.Bench.Backend;

/// <summary>Calls served, read by the harness to count calls a proxy answered without reaching the backend.</summary>
internal sealed class Counters
{
    private long _unary;
    private long _streams;
    private long _messages;

    public long Unary => Interlocked.Read(ref _unary);

    public long Streams => Interlocked.Read(ref _streams);

    public long Messages => Interlocked.Read(ref _messages);

    public void CountUnary() => Interlocked.Increment(ref _unary);

    public void CountStream(long messages)
    {
        Interlocked.Increment(ref _streams);
        Interlocked.Add(ref _messages, messages);
    }
}
