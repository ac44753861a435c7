using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Portico.Bench.Protos;

namespace Portico.Bench.Loader;

/// <summary>
/// Closed-loop load: <c>connections</c> channels (one HTTP/2 connection each) × <c>streams</c> workers per channel,
/// each issuing its next call as soon as the last one ends. Only calls that end inside the measurement window
/// (after <c>warmup</c>, for <c>duration</c>) count toward rates and latencies; every non-OK status is counted.
/// With <c>--stop-file PATH</c> the window also ends as soon as that file exists (the reload benchmark stops its
/// background load when the probe is done). Prints one JSON object.
/// </summary>
internal static class LoadRunner
{
    public static async Task<int> RunAsync(Args args, bool streaming)
    {
        var target = args.Required("target");
        var authority = args.Text("authority", "");
        var connections = args.Int("connections", 8);
        var streams = args.Int("streams", 4);
        var size = args.Int("size", 100);
        var perCall = args.Int("messages", 1000);
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 2));
        var duration = TimeSpan.FromSeconds(args.Double("duration", 10));

        var channels = Enumerable.Range(0, connections).Select(_ => Channels.Create(target, authority.Length == 0 ? null : authority)).ToArray();
        var from = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var window = new Window(from + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        var stopFile = args.Text("stop-file", "");
        using var watch = stopFile.Length == 0 ? null : new Timer(_ =>
        {
            if (File.Exists(stopFile))
            {
                window.EndNow();
            }
        }, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
        var payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) };
        var workers = new List<Task<WorkerStats>>();
        foreach (var channel in channels)
        {
            var client = new Protos.Bench.BenchClient(channel);
            for (var s = 0; s < streams; s++)
            {
                workers.Add(streaming
                    ? Task.Run(() => StreamWorker(client, new StreamRequest { Count = perCall, Size = size }, from, window))
                    : Task.Run(() => UnaryWorker(client, payload, from, window)));
            }
        }

        var results = await Task.WhenAll(workers);
        foreach (var c in channels)
        {
            c.Dispose();
        }

        Console.WriteLine(Report(results, TimeSpan.FromSeconds((double)(window.End - from) / Stopwatch.Frequency), streaming));
        return 0;
    }

    private static async Task<WorkerStats> UnaryWorker(Protos.Bench.BenchClient client, Payload payload, long from, Window window)
    {
        var stats = new WorkerStats();
        while (true)
        {
            var to = window.End;
            var start = Stopwatch.GetTimestamp();
            if (start >= to)
            {
                return stats;
            }

            StatusCode? failed = null;
            try
            {
                await client.UnaryAsync(payload, deadline: DateTime.UtcNow.AddSeconds(30));
            }
            catch (RpcException e)
            {
                failed = e.StatusCode;
            }

            var end = Stopwatch.GetTimestamp();
            var inWindow = end >= from && end <= window.End;
            if (failed is { } code)
            {
                stats.Error(code, inWindow);
            }
            else if (inWindow)
            {
                stats.Calls++;
                stats.Latencies.Add(end - start);
            }
        }
    }

    private static async Task<WorkerStats> StreamWorker(Protos.Bench.BenchClient client, StreamRequest request, long from, Window window)
    {
        var stats = new WorkerStats();
        while (Stopwatch.GetTimestamp() < window.End)
        {
            var start = Stopwatch.GetTimestamp();
            using var stop = new CancellationTokenSource();
            var stoppedByUs = false;
            StatusCode? failed = null;
            try
            {
                using var call = client.ServerStream(request, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: stop.Token);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (now >= window.End)
                    {
                        stoppedByUs = true;
                        await stop.CancelAsync(); // the window is over; this cancellation is ours, not an error.
                        break;
                    }

                    if (now >= from)
                    {
                        stats.Messages++;
                    }
                }
            }
            catch (RpcException e) when (!stoppedByUs)
            {
                failed = e.StatusCode;
                if (Environment.GetEnvironmentVariable("LOADER_DEBUG") == "1")
                {
                    await Console.Error.WriteLineAsync($"{e.Status} {e.InnerException}");
                }

            }
            catch (RpcException)
            {
            }

            var end = Stopwatch.GetTimestamp();
            var inWindow = end >= from && end <= window.End;
            if (failed is { } code)
            {
                stats.Error(code, inWindow);
            }
            else if (inWindow && !stoppedByUs)
            {
                stats.Calls++;
                stats.Latencies.Add(end - start);
            }
        }

        return stats;
    }

    private static string Report(WorkerStats[] results, TimeSpan duration, bool streaming)
    {
        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var calls = results.Sum(r => r.Calls);
        var messages = results.Sum(r => r.Messages);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, n) in results.SelectMany(r => r.Errors))
        {
            errors[code] = errors.GetValueOrDefault(code) + n;
        }

        double Ms(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"scenario\":\"{(streaming ? "stream" : "unary")}\",\"calls\":{calls},\"messages\":{messages}");
        json.Append(CultureInfo.InvariantCulture, $",\"rps\":{calls / duration.TotalSeconds:0.0},\"msgps\":{messages / duration.TotalSeconds:0.0}");
        json.Append(CultureInfo.InvariantCulture, $",\"p50_ms\":{Ms(Percentiles.At(latencies, 0.50)):0.000},\"p90_ms\":{Ms(Percentiles.At(latencies, 0.90)):0.000}");
        json.Append(CultureInfo.InvariantCulture, $",\"p99_ms\":{Ms(Percentiles.At(latencies, 0.99)):0.000}");
        json.Append(CultureInfo.InvariantCulture, $",\"errors\":{errors.Values.Sum()},\"errors_total\":{results.Sum(r => r.ErrorsTotal)},\"error_codes\":{{");
        json.AppendJoin(',', errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"\"{e.Key}\":{e.Value}")));
        json.Append("}}");
        return json.ToString();
    }
}
