using System.Globalization;

namespace Portico.Proxy.Forwarding;

/// <summary>The <c>grpc-timeout</c> header: 1 to 8 digits and a unit (H, M, S, m, u, n).</summary>
internal static class GrpcTimeout
{
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9)
        {
            return false;
        }

        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        const long max = 365L * 24 * 3600 * 1000; // clamp to a year: larger values mean "no deadline" in practice.
        double ms = value[^1] switch
        {
            'H' => n * 3_600_000.0,
            'M' => n * 60_000.0,
            'S' => n * 1000.0,
            'm' => n,
            'u' => n / 1000.0,
            'n' => n / 1_000_000.0,
            _ => -1,
        };
        if (ms < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromMilliseconds(Math.Min(ms, max));
        return true;
    }

    /// <summary>The remaining budget, in the coarsest unit that keeps it within 8 digits (rounded up).</summary>
    public static string Format(TimeSpan remaining)
    {
        var ticks = Math.Max(remaining.Ticks, 1);
        var micros = (ticks + 9) / 10;
        if (micros < 100_000_000)
        {
            return micros.ToString(CultureInfo.InvariantCulture) + "u";
        }

        var ms = (micros + 999) / 1000;
        if (ms < 100_000_000)
        {
            return ms.ToString(CultureInfo.InvariantCulture) + "m";
        }

        return ((ms + 999) / 1000).ToString(CultureInfo.InvariantCulture) + "S";
    }
}
