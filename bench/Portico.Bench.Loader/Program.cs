using Portico.Bench.Loader;

// The harness's gRPC-aware tool (see bench/README.md):
//   unary | stream   closed-loop load, counting every non-OK status, with latency percentiles (JSON)
//   stats            the backend's call counters
//   h2log            percentiles and non-200 count of an h2load --log-file
//   manifests        writes a Portico configuration (walkthrough-style or N routes)
//   reload           manifest edit → served latency
//   report           bench/run.sh results.jsonl → markdown
if (args.Length == 0)
{
    await Console.Error.WriteLineAsync("usage: Portico.Bench.Loader unary|stream|stats|h2log|manifests|reload --option value ...");
    return 2;
}

var options = new Args(args.Skip(1));
return args[0] switch
{
    "unary" => await LoadRunner.RunAsync(options, streaming: false),
    "stream" => await LoadRunner.RunAsync(options, streaming: true),
    "stats" => await BackendStats.RunAsync(options),
    "h2log" => H2LoadLog.Run(options),
    "manifests" => ManifestWriter.Run(options),
    "reload" => await ReloadProbe.RunAsync(options),
    "report" => Report.Run(options),
    _ => 2,
};
