using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Portico.Bench.Loader;

/// <summary>
/// Turns bench/run.sh's results.jsonl into the markdown report: the summary (median of rounds, share of direct from
/// the same run), the targets of issue 6 checked against it, and every raw measurement.
/// </summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(Args args)
    {
        var rows = File.ReadLines(args.Required("file")).Where(l => l.Length > 0).Select(Row.Parse).ToList();
        var md = new StringBuilder("# Portico proxy benchmark\n\n");
        var env = args.Text("env", "");
        if (env.Length > 0 && File.Exists(env))
        {
            md.Append(File.ReadAllText(env)).Append('\n');
        }

        var summary = rows.Where(r => r.Unit != "edits").GroupBy(r => (r.Load, r.Target)).Select(g => Summary.Of(g.ToList())).ToList();
        if (summary.Count > 0)
        {
            md.Append("## Summary (median of rounds; share = this target's median / direct's median in the same run)\n\n");
            md.Append("| load | target | rate | share of direct | p50 ms | p99 ms | errors | proxy CPU µs/call | proxy peak RSS MiB | backend CPU µs/call | rounds |\n");
            md.Append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
            foreach (var s in summary)
            {
                var direct = summary.FirstOrDefault(d => d.Load == s.Load && d.Target == "direct");
                var share = direct is null || direct.Rate == 0 ? "" : (s.Rate / direct.Rate).ToString("0.00", Inv);
                md.Append(Inv, $"| {s.Load} | {s.Target} | {s.Rate:#,0} {s.Unit} | {share} | {s.P50:0.00} | {s.P99:0.00} | {s.Errors} | ");
                md.Append(Inv, $"{Opt(s.CpuUs, "0.0")} | {Opt(s.RssMib, "0")} | {Opt(s.BackendCpuUs, "0.0")} | {string.Join(" / ", s.Rates.Select(r => r.ToString("#,0", Inv)))} |\n");
            }

            md.Append("\nCPU per call is per message for the streaming load. Errors: h2load's failed/errored/non-200 responses, or calls the backend never served (gRPC errors a proxy answered itself), whichever is larger; for streaming, every non-OK status the loader saw, warm-up included.\n\n");
            Targets.Append(md, summary, rows);
        }

        var reload = rows.Where(r => r.Unit == "edits").ToList();
        if (reload.Count > 0)
        {
            md.Append("## Reload (5,000 routes)\n\n| target | edits applied | p50 ms | p99 ms | max ms | calls under load | failed calls | load req/s |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
            foreach (var r in reload)
            {
                md.Append(Inv, $"| {r.Target} | {r.Rate:0}/{r.Extra("edits"):0} | {r.P50:0.0} | {r.P99:0.0} | {r.Extra("max"):0.0} | {r.Calls:0} | {r.Errors} | {r.Extra("load_rps"):0} |\n");
            }

            md.Append('\n');
            Targets.AppendReload(md, reload);
        }

        md.Append("## Raw measurements\n\n| load | target | round | rate | p50 ms | p99 ms | errors | calls | proxy CPU µs/call | proxy peak RSS MiB | backend CPU µs/call |\n");
        md.Append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var r in rows.Where(r => r.Unit != "edits"))
        {
            md.Append(Inv, $"| {r.Load} | {r.Target} | {r.Round} | {r.Rate:#,0} {r.Unit} | {r.P50:0.00} | {r.P99:0.00} | {r.Errors} | {r.Calls:#,0} | ");
            md.Append(Inv, $"{Opt(r.CpuUs, "0.0")} | {Opt(r.RssMib, "0")} | {Opt(r.BackendCpuUs, "0.0")} |\n");
        }

        Console.Write(md.ToString());
        return 0;
    }

    internal static string Opt(double? value, string format) => value is { } v ? v.ToString(format, Inv) : "–";

    /// <summary>One line of results.jsonl.</summary>
    internal sealed record Row(string Load, string Target, int Round, string Unit, double Rate, double P50, double P99, long Errors,
        double Calls, double? CpuUs, double? RssMib, double? BackendCpuUs, JsonElement Raw)
    {
        public static Row Parse(string line)
        {
            var e = JsonDocument.Parse(line).RootElement.Clone();
            double? N(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            return new Row(e.GetProperty("load").GetString()!, e.GetProperty("target").GetString()!, e.GetProperty("round").GetInt32(),
                e.GetProperty("unit").GetString()!, N("rate") ?? 0, N("p50") ?? 0, N("p99") ?? 0, (long)(N("errors") ?? -1), N("calls") ?? 0,
                N("cpu_us"), N("rss_mib"), N("backend_cpu_us"), e);
        }

        public double Extra(string name) => Raw.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
    }

    /// <summary>Medians over a (load, target)'s rounds; errors summed; RSS the largest seen.</summary>
    internal sealed record Summary(string Load, string Target, string Unit, double Rate, double P50, double P99, long Errors,
        double? CpuUs, double? RssMib, double? BackendCpuUs, double[] Rates)
    {
        public static Summary Of(List<Row> rounds) => new(rounds[0].Load, rounds[0].Target, rounds[0].Unit,
            Median(rounds.Select(r => r.Rate)), Median(rounds.Select(r => r.P50)), Median(rounds.Select(r => r.P99)),
            rounds.Sum(r => Math.Max(0, r.Errors)), MedianOrNull(rounds.Select(r => r.CpuUs)), rounds.Max(r => r.RssMib),
            MedianOrNull(rounds.Select(r => r.BackendCpuUs)), [.. rounds.Select(r => r.Rate)]);

        private static double Median(IEnumerable<double> values)
        {
            var v = values.Order().ToArray();
            return v.Length == 0 ? 0 : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
        }

        private static double? MedianOrNull(IEnumerable<double?> values)
        {
            var v = values.Where(x => x.HasValue).Select(x => x!.Value).ToList();
            return v.Count == 0 ? null : Median(v);
        }
    }
}
