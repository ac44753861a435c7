using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Portico.Bench.Protos;

namespace Portico.Bench.Loader;

/// <summary>
/// Measures how long a manifest edit takes to be served: rewrites the configuration with the next
/// <c>x-bench-gen</c> value (the benchmarked route's header filter), then calls Unary back to back until the backend
/// echoes that value. The time from the rename to that first call is one sample; it includes the file watcher, the
/// control loop's hold-off, reading, translation, compilation and the table swap. Prints JSON (percentiles, and every
/// sample in edit order). <c>--warmup N</c> first makes N edits the same way that are reported apart and not counted
/// (the control plane's code is JIT-compiled and tiered up by its first few runs, as the data path is by the load
/// warm-up).
/// </summary>
internal static class ReloadProbe
{
    public static async Task<int> RunAsync(Args args)
    {
        var target = args.Required("target");
        var dir = args.Required("dir");
        var routes = args.Int("routes", 5000);
        var listenPort = args.Int("listen-port", 18080);
        var backendPort = args.Int("backend-port", 50100);
        var edits = args.Int("edits", 20);
        var pause = TimeSpan.FromSeconds(args.Double("pause", 1.0));
        var firstGen = args.Int("first-gen", 1);
        var warmup = args.Int("warmup", 0);

        using var channel = Channels.Create(target, ManifestWriter.BenchHost);
        var client = new Protos.Bench.BenchClient(channel);
        var payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) };
        var samples = new List<double>();
        var warmupSamples = new List<double>();
        var failures = 0;
        for (var gen = firstGen; gen < firstGen + warmup + edits; gen++)
        {
            var measured = gen >= firstGen + warmup;
            var yaml = ManifestWriter.Build("routes", routes, listenPort, backendPort, gen);
            var expected = gen.ToString(CultureInfo.InvariantCulture);
            var started = Stopwatch.GetTimestamp();
            ManifestWriter.WriteAtomically(Path.Combine(dir, "bench.yaml"), yaml);
            var seen = false;
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
            {
                try
                {
                    using var call = client.UnaryAsync(payload, deadline: DateTime.UtcNow.AddSeconds(5));
                    var headers = await call.ResponseHeadersAsync;
                    await call.ResponseAsync;
                    if (headers.GetValue("x-bench-gen") == expected)
                    {
                        seen = true;
                        break;
                    }
                }
                catch (RpcException)
                {
                    failures++;
                }
            }

            if (seen)
            {
                (measured ? samples : warmupSamples).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                await Console.Error.WriteLineAsync($"reload probe: generation {gen} not served within 30 s");
            }

            await Task.Delay(pause);
        }

        var sorted = samples.Select(s => (long)(s * 1000)).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"edits\":{edits},\"applied\":{samples.Count},\"probe_failures\":{failures},\"p50_ms\":{Percentiles.At(sorted, 0.5) / 1000:0.0},\"p99_ms\":{Percentiles.At(sorted, 0.99) / 1000:0.0},\"max_ms\":{(sorted.Length == 0 ? 0 : sorted[^1]) / 1000.0:0.0},\"samples_ms\":[{Join(samples)}],\"warmup_ms\":[{Join(warmupSamples)}]}}"));
        return samples.Count == edits ? 0 : 1;
    }

    private static string Join(List<double> values) => string.Join(",", values.Select(x => x.ToString("0.0", CultureInfo.InvariantCulture)));
}
