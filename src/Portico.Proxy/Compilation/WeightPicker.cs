namespace Portico.Proxy.Compilation;

/// <summary>
/// Picks an index in proportion to integer weights, exactly: every run of <c>W</c> consecutive calls (W = the sum of
/// weights) gives each index exactly its weight. A shared counter is scrambled by a multiplier coprime with W, which
/// walks every residue once per cycle, so picks are spread out rather than bunched.
/// </summary>
internal sealed class WeightPicker
{
    private readonly long[] _cumulative;
    private readonly long _total;
    private readonly long _multiplier;
    private long _counter = -1;

    public WeightPicker(IReadOnlyList<int> weights)
    {
        _cumulative = new long[weights.Count];
        long sum = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            _cumulative[i] = sum;
        }

        _total = sum;
        _multiplier = Coprime(sum);
    }

    public int Count => _cumulative.Length;

    public int Pick()
    {
        if (_cumulative.Length == 1)
        {
            return 0;
        }

        var n = Interlocked.Increment(ref _counter);
        var slot = (long)((ulong)(n % _total) * (ulong)_multiplier % (ulong)_total);
        var lo = 0;
        var hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (slot < _cumulative[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>A multiplier near 0.618·W that shares no factor with W (1 when W is small).</summary>
    private static long Coprime(long total)
    {
        if (total <= 2)
        {
            return 1;
        }

        for (var m = Math.Max(1, (long)(total * 0.6180339887)); m < total; m++)
        {
            if (Gcd(m, total) == 1)
            {
                return m;
            }
        }

        return 1;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
