using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;
using Portico.Routing.Actions;

namespace Portico.Benchmarks;

/// <summary>
/// <see cref="CompiledHeaders"/>.Apply, the per-call cost of a RequestHeaderModifier/ResponseHeaderModifier
/// (remove one, set one, add one): on the upstream request YARP builds, and on the response headers.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class HeaderFilterBenchmarks
{
    private readonly CompiledHeaders _filter = new(new HeaderModifier
    {
        Remove = ["x-debug"],
        Set = [new HeaderValue("x-bench-gen", "7")],
        Add = [new HeaderValue("x-request-priority", "high")],
    });

    [Benchmark(Description = "Apply to upstream HttpRequestMessage")]
    public int Request()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:50100/portico.bench.Bench/Unary");
        message.Headers.TryAddWithoutValidation("x-debug", "1");
        message.Headers.TryAddWithoutValidation("x-request-priority", "low");
        _filter.Apply(message);
        return message.Headers.NonValidated.Count;
    }

    [Benchmark(Description = "Apply to response IHeaderDictionary")]
    public int Response()
    {
        var headers = new HeaderDictionary { ["x-debug"] = "1", ["x-request-priority"] = "low" };
        _filter.Apply(headers);
        return headers.Count;
    }

    [Benchmark(Baseline = true, Description = "baseline: build the message and headers only")]
    public int Baseline()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:50100/portico.bench.Bench/Unary");
        message.Headers.TryAddWithoutValidation("x-debug", "1");
        message.Headers.TryAddWithoutValidation("x-request-priority", "low");
        var headers = new HeaderDictionary { ["x-debug"] = "1", ["x-request-priority"] = "low" };
        return message.Headers.NonValidated.Count + headers.Count;
    }
}
