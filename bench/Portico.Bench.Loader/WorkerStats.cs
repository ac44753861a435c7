using Grpc.Core;

namespace Portico.Bench.Loader;

/// <summary>One worker's tallies; merged at the end so workers never contend on shared counters.</summary>
internal sealed class WorkerStats
{
    public List<long> Latencies { get; } = new(1 << 14);

    public long Calls { get; set; }

    public long Messages { get; set; }

    /// <summary>Non-OK statuses completed inside the measurement window.</summary>
    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Non-OK statuses over the whole run, warm-up included.</summary>
    public long ErrorsTotal { get; set; }

    public void Error(StatusCode code, bool inWindow)
    {
        ErrorsTotal++;
        if (inWindow)
        {
            var name = code.ToString();
            Errors[name] = Errors.GetValueOrDefault(name) + 1;
        }
    }
}
