using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;
using Portico.Proxy.Matching;

namespace Portico.Benchmarks;

/// <summary>
/// One route lookup, as the proxy does it per request, at 10, 1,000 and 10,000 routes. The exact gRPC method path is
/// one dictionary probe; regex methods go through the literal-prefix index (one probe per distinct prefix length,
/// then only the regexes whose literal start fits); HTTP prefixes through the segment index (one probe per path
/// segment). All flat in the number of routes and allocation-free.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class RouteLookupBenchmarks
{
    private GrpcMatcher _grpc = new([]);
    private CompiledListener _listener = LookupTables.Listener(1);
    private CompiledVirtualHost _http = LookupTables.Http(1);
    private HttpContext _plain = new DefaultHttpContext();
    private HttpContext _tenant = new DefaultHttpContext();
    private HttpContext _httpRequest = new DefaultHttpContext();
    private string _exactPath = "";
    private string _headerPath = "";
    private string _regexPath = "";
    private string _exactHost = "";
    private string _wildcardHost = "";
    private string _httpPath = "";

    [Params(10, 1_000, 10_000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _grpc = LookupTables.Grpc(Routes);
        _listener = LookupTables.Listener(Routes);
        _http = LookupTables.Http(Routes);
        var exact = LookupTables.Middle(Routes, 0, 10);
        var header = LookupTables.Middle(Routes, 4, 20);
        var regex = LookupTables.Middle(Routes, 9, 10);
        _exactPath = $"/bench.v1.Service{LookupTables.I(exact)}/Method{LookupTables.I(exact)}";
        _headerPath = $"/bench.v1.Service{LookupTables.I(header)}/Method{LookupTables.I(header)}";
        _regexPath = $"/regex.v1.Service{LookupTables.I(regex)}/GetThing";
        _exactHost = $"h{LookupTables.I(Math.Max(1, Routes / 10) / 2)}.example.com";
        _wildcardHost = "api.w3.example.com";
        _httpPath = $"/api/v{LookupTables.I(Routes / 2)}/items/42";
        _tenant.Request.Headers["x-tenant"] = $"t{LookupTables.I(header)}";
        _httpRequest.Request.Method = "GET";
        _httpRequest.Request.Path = _httpPath;
        Require(_grpc.Match(_exactPath, _plain.Request.Headers) is not null, "exact");
        Require(_grpc.Match(_headerPath, _tenant.Request.Headers) is not null, "header");
        Require(_grpc.Match(_regexPath, _plain.Request.Headers) is not null, "regex");
        Require(_http.MatchHttp(_httpRequest.Request, _httpPath) is not null, "http prefix");
    }

    [Benchmark(Description = "gRPC exact method")]
    public bool GrpcExact() => _grpc.Match(_exactPath, _plain.Request.Headers) is not null;

    [Benchmark(Description = "gRPC exact method + header match")]
    public bool GrpcHeader() => _grpc.Match(_headerPath, _tenant.Request.Headers) is not null;

    [Benchmark(Description = "gRPC regex method (literal-prefix index)")]
    public bool GrpcRegex() => _grpc.Match(_regexPath, _plain.Request.Headers) is not null;

    [Benchmark(Description = "HostAt exact hostname")]
    public bool HostExact()
    {
        var i = 0;
        return _listener.HostAt(_exactHost, ref i) is not null;
    }

    [Benchmark(Description = "HostAt wildcard hostname")]
    public bool HostWildcard()
    {
        var i = 0;
        return _listener.HostAt(_wildcardHost, ref i) is not null;
    }

    [Benchmark(Description = "MatchHttp path prefix (segment index)")]
    public bool HttpPrefix() => _http.MatchHttp(_httpRequest.Request, _httpPath) is not null;

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"benchmark setup: the {what} lookup finds nothing");
        }
    }
}
