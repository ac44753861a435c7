using System.Globalization;
using System.Text;

namespace Portico.Bench.Loader;

/// <summary>Issue 6's targets, checked against one run's summary: each line says met or not, with the numbers.</summary>
internal static class Targets
{
    private const string Headline = "unary-100B-32x16";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The Portico builds a run may measure on the headline load, each judged on its own.</summary>
    private static readonly string[] Builds = ["portico", "portico-aot"];

    public static void Append(StringBuilder md, List<Report.Summary> summary, List<Report.Row> rows)
    {
        var builds = Builds.Where(b => summary.Any(s => s.Load == Headline && s.Target == b)).ToList();
        foreach (var build in builds)
        {
            md.Append(builds.Count == 1 ? "## Targets (this run)\n\n" : $"## Targets (this run): {build}\n\n");
            AppendFor(md, summary, rows, build);
        }
    }

    private static void AppendFor(StringBuilder md, List<Report.Summary> summary, List<Report.Row> rows, string build)
    {
        Report.Summary? Get(string load, string target) => summary.FirstOrDefault(s => s.Load == load && s.Target == target);
        var portico = Get(Headline, build)!;
        var nginx = Get(Headline, "nginx");
        var haproxy = Get(Headline, "haproxy");

        md.Append("| target | measured | verdict |\n|---|---|---|\n");
        if (nginx is not null)
        {
            Line(md, "unary 100 B req/s ≥ 1.0× nginx (required)", $"{portico.Rate / nginx.Rate:0.00}× ({portico.Rate:#,0} vs {nginx.Rate:#,0})", portico.Rate >= nginx.Rate);
            Line(md, "p99 no worse than nginx's", $"{portico.P99:0.0} ms vs {nginx.P99:0.0} ms", portico.P99 <= nginx.P99);
        }

        if (haproxy is not null)
        {
            Line(md, "unary 100 B req/s ≥ 0.8× HAProxy (stretch 1.0×)", $"{portico.Rate / haproxy.Rate:0.00}× ({haproxy.Rate:#,0})", portico.Rate >= 0.8 * haproxy.Rate,
                portico.Rate >= haproxy.Rate ? "met, stretch too" : null);
        }

        // Every load of this build; the JIT build also owns the lookup targets (portico-10, portico-10k).
        bool Mine(string target) => target == build || (build == "portico" && target.StartsWith("portico-1", StringComparison.Ordinal));
        var errors = summary.Where(s => Mine(s.Target)).Sum(s => s.Errors);
        Line(md, "0 errors (every load of this build)", errors.ToString(Inv), errors == 0);
        if (portico.CpuUs is { } cpu)
        {
            Line(md, "proxy CPU ≤ 20 µs/call (unary 100 B, 32×16)", $"{cpu:0.0} µs", cpu <= 20);
        }

        if (rows.Where(r => r.Target == build && r.Load == Headline).Max(r => r.RssMib) is { } headlineMib)
        {
            var allMib = rows.Where(r => r.Target == build).Max(r => r.RssMib) ?? headlineMib;
            Line(md, "proxy peak RSS ≤ 120 MiB under this load", $"{headlineMib:0} MiB (VmHWM after the headline load; {allMib:0} after all loads)", headlineMib <= 120);
        }

        var stream = summary.Where(s => s.Unit == "msg/s").ToList();
        var sp = stream.FirstOrDefault(s => s.Target == build);
        var sd = stream.FirstOrDefault(s => s.Target == "direct");
        if (sp is not null && sd is not null && sd.Rate > 0)
        {
            Line(md, "server-streaming msg/s ≥ 0.5× direct", $"{sp.Rate / sd.Rate:0.00}× ({sp.Rate:#,0} vs {sd.Rate:#,0})", sp.Rate >= 0.5 * sd.Rate);
        }

        var small = Get("lookup-100B-32x16", "portico-10");
        var large = Get("lookup-100B-32x16", "portico-10k");
        if (build == "portico" && small is not null && large is not null && small.Rate > 0)
        {
            var drop = 1 - (large.Rate / small.Rate);
            Line(md, "route lookup flat: 10 → 10,000 routes, drop < 5%", $"{drop * 100:0.0}% ({small.Rate:#,0} → {large.Rate:#,0})", drop < 0.05);
        }

        md.Append('\n');
    }

    public static void AppendReload(StringBuilder md, List<Report.Row> reload)
    {
        md.Append("| target | measured | verdict |\n|---|---|---|\n");
        foreach (var r in reload)
        {
            var all = r.Rate >= r.Extra("edits");
            Line(md, "5,000-route edit served within 250 ms at p99", $"{r.Target}: p99 {r.P99:0} ms ({r.Rate:0}/{r.Extra("edits"):0} applied)", all && r.P99 <= 250);
            Line(md, "zero failed calls under load during the edits", $"{r.Target}: {r.Errors} of {r.Calls:#,0}", r.Errors == 0);
        }

        md.Append('\n');
    }

    private static void Line(StringBuilder md, string target, string measured, bool met, string? metText = null) =>
        md.Append(Inv, $"| {target} | {measured} | {(met ? metText ?? "met" : "**not met**")} |\n");
}
