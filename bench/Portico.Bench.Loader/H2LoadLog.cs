using System.Globalization;
using System.Text;

namespace Portico.Bench.Loader;

/// <summary>
/// Reads an h2load <c>--log-file</c> (tab-separated: start µs since epoch, HTTP status, µs to end of response) and
/// prints the request count, non-200 responses and latency percentiles as JSON. h2load prints no percentiles itself.
/// </summary>
internal static class H2LoadLog
{
    public static int Run(Args args)
    {
        var path = args.Required("file");
        var latencies = new List<long>(1 << 20);
        long non200 = 0;
        foreach (var line in File.ReadLines(path, Encoding.ASCII))
        {
            var first = line.IndexOf('\t', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf('\t', first + 1);
            if (second < 0)
            {
                continue;
            }

            var status = int.Parse(line.AsSpan(first + 1, second - first - 1), CultureInfo.InvariantCulture);
            var micros = long.Parse(line.AsSpan(second + 1).TrimEnd(), CultureInfo.InvariantCulture);
            if (status != 200)
            {
                non200++;
            }

            latencies.Add(micros);
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"requests\":{sorted.Length},\"non200\":{non200},\"p50_ms\":{Percentiles.At(sorted, 0.50) / 1000:0.000},\"p90_ms\":{Percentiles.At(sorted, 0.90) / 1000:0.000},\"p99_ms\":{Percentiles.At(sorted, 0.99) / 1000:0.000}}}"));
        return 0;
    }
}
