namespace Portico.Bench.Loader;

/// <summary>Exact percentiles over all recorded latencies (sorted once at the end, nothing sampled).</summary>
internal static class Percentiles
{
    /// <summary>The value at quantile <paramref name="q"/> (0..1) of an ascending array; 0 when empty.</summary>
    public static double At(long[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
