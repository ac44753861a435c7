using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;
using Portico.Proxy.Matching;
using Portico.Routing.Actions;
using Portico.Routing.Matching;

namespace Portico.Proxy.Tests.Compilation;

/// <summary>
/// The lookup indexes (HTTP paths by segment, gRPC services by literal prefix) must give exactly the answer of a scan
/// of all entries in precedence order: explicit precedence and boundary cases, then a seeded comparison against the scan.
/// </summary>
public sealed class RouteIndexTests
{
    private static readonly CompiledAction Action = new() { Source = new RouteAction() };

    private static CompiledHttpEntry Http(string id, PathMatchKind kind, string value, string? method = null, params HeaderMatch[] headers) =>
        new(new HttpRouteEntry { Id = id, Path = new PathMatch { Kind = kind, Value = value }, Method = method, Headers = headers }, Action);

    private static CompiledGrpcEntry Grpc(string id, GrpcMethodMatchKind kind, string? service, string? method, params HeaderMatch[] headers) =>
        new(new GrpcRouteEntry { Id = id, Method = new GrpcMethodMatch { Kind = kind, Service = service, Method = method }, Headers = headers }, Action);

    private static HttpRequest Request(string method = "GET", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        foreach (var (n, v) in headers)
        {
            context.Request.Headers[n] = v;
        }

        return context.Request;
    }

    private static string? MatchHttp(CompiledHttpEntry[] entries, string path, HttpRequest? request = null) =>
        new CompiledVirtualHost("*", new GrpcMatcher([]), entries).MatchHttp(request ?? Request(), path)?.Source.Id;

    [Theory]
    [InlineData("/foo", "foo")]
    [InlineData("/foo/", "foo")]
    [InlineData("/foo/bar", "foobar-seg")]
    [InlineData("/foo/bar/", "foobar-seg")]
    [InlineData("/foo/barbaz", "foo")]
    [InlineData("/foobar", "foobar")]
    [InlineData("/foobar/x", "foobar")]
    [InlineData("/Foo", "root")]
    [InlineData("/FOO/bar", "root")]
    [InlineData("/fo", "root")]
    [InlineData("/", "root")]
    [InlineData("/exact", "exact")]
    [InlineData("/exact/", "root")]
    [InlineData("/v12/x", "regex")]
    public void PrefixesMatchOnSegmentBoundariesCaseSensitively(string path, string expected)
    {
        // In precedence order as the translator sorts them: exact, then longer prefixes first, regex, then "/".
        CompiledHttpEntry[] entries =
        [
            Http("exact", PathMatchKind.Exact, "/exact"),
            Http("foobar-seg", PathMatchKind.PathPrefix, "/foo/bar/"),
            Http("foobar", PathMatchKind.PathPrefix, "/foobar"),
            Http("foo", PathMatchKind.PathPrefix, "/foo"),
            Http("regex", PathMatchKind.RegularExpression, "/v[0-9]+/.*"),
            Http("root", PathMatchKind.PathPrefix, "/"),
        ];
        Assert.Equal(expected, MatchHttp(entries, path));
    }

    [Fact]
    public void TiesOnOnePathGoToTheFirstEntryWhoseOtherConditionsHold()
    {
        var header = new HeaderMatch { Name = "x-group", Value = "b" };
        CompiledHttpEntry[] entries =
        [
            Http("post-b", PathMatchKind.PathPrefix, "/api", "POST", header),
            Http("post", PathMatchKind.PathPrefix, "/api/", "POST"),
            Http("b", PathMatchKind.PathPrefix, "/api", null, header),
            Http("any-regex", PathMatchKind.RegularExpression, "/a.*"),
            Http("api", PathMatchKind.PathPrefix, "/api"),
        ];
        Assert.Equal("post-b", MatchHttp(entries, "/api/x", Request("POST", ("x-group", "b"))));
        Assert.Equal("post", MatchHttp(entries, "/api/x", Request("POST")));
        Assert.Equal("b", MatchHttp(entries, "/api", Request("GET", ("x-group", "b"))));
        Assert.Equal("any-regex", MatchHttp(entries, "/api/x", Request("GET")));
        Assert.Null(MatchHttp(entries, "/other", Request("GET")));
    }

    [Fact]
    public void ALaterListEntryDoesNotBeatAnEarlierEntryOfAnotherList()
    {
        // The regex (tested always) comes first in precedence, the longer prefix is later: the regex must win.
        CompiledHttpEntry[] entries =
        [
            Http("regex", PathMatchKind.RegularExpression, "/a/.*"),
            Http("long", PathMatchKind.PathPrefix, "/a/b/c"),
            Http("short", PathMatchKind.PathPrefix, "/a"),
        ];
        Assert.Equal("regex", MatchHttp(entries, "/a/b/c/d"));
        Assert.Equal("short", MatchHttp(entries, "/a"));
    }

    [Theory]
    [InlineData("pkg.Svc", "pkg")]
    [InlineData("pkg\\.Svc", "pkg.Svc")]
    [InlineData("catalog\\.v[0-9]+\\.Catalog", "catalog.v")]
    [InlineData("ab?c", "a")]
    [InlineData("ab*c", "a")]
    [InlineData("ab{2}c", "a")]
    [InlineData("ab+c", "ab")]
    [InlineData("a.b", "a")]
    [InlineData("(foo|bar)\\.Svc", "")]
    [InlineData("foo\\.Svc|bar\\.Svc", "")]
    [InlineData("\\dfoo", "")]
    [InlineData("(?i)foo", "")]
    [InlineData("[a-z]+\\.Svc", "")]
    [InlineData(".*", "")]
    public void LiteralPrefixIsWhatEveryMatchStartsWith(string pattern, string expected) =>
        Assert.Equal(expected, LiteralPrefix.Of(pattern));

    [Fact]
    public void RegexMethodsAreFoundThroughTheirLiteralPrefixInPrecedenceOrder()
    {
        CompiledGrpcEntry[] entries =
        [
            Grpc("short-regex", GrpcMethodMatchKind.RegularExpression, "pkg\\.v[0-9]+\\.Svc", "Get.*"),
            Grpc("exact", GrpcMethodMatchKind.Exact, "pkg.v1.Svc", "GetA"),
            Grpc("long-regex", GrpcMethodMatchKind.RegularExpression, "pkg\\.v1\\.Svc", ".*"),
            Grpc("alternation", GrpcMethodMatchKind.RegularExpression, "(x|y)\\.Svc", "M"),
            Grpc("service", GrpcMethodMatchKind.Exact, "pkg.v1.Svc2", null),
            Grpc("method-only", GrpcMethodMatchKind.Exact, null, "Ping"),
            Grpc("optional", GrpcMethodMatchKind.RegularExpression, "zz?top", "M"),
        ];
        var m = new GrpcMatcher(entries);
        var none = new HeaderDictionary();
        Assert.Equal("short-regex", m.Match("/pkg.v1.Svc/GetA", none)!.Source.Id); // exact path, earlier regex wins
        Assert.Equal("short-regex", m.Match("/pkg.v1.Svc/GetB", none)!.Source.Id);
        Assert.Equal("long-regex", m.Match("/pkg.v1.Svc/List", none)!.Source.Id);
        Assert.Equal("alternation", m.Match("/y.Svc/M", none)!.Source.Id);
        Assert.Equal("service", m.Match("/pkg.v1.Svc2/Any", none)!.Source.Id);
        Assert.Null(m.Match("/pkg.v1.Svc2X/Any", none));
        Assert.Null(m.Match("/PKG.v1.Svc/List", none));
        Assert.Equal("method-only", m.Match("/other.Svc/Ping", none)!.Source.Id);
        Assert.Equal("optional", m.Match("/ztop/M", none)!.Source.Id);
        Assert.Equal("optional", m.Match("/zztop/M", none)!.Source.Id);
        Assert.Null(m.Match("/not-a-grpc-path", none));
    }

    [Fact]
    public void IndexesAgreeWithAScanInPrecedenceOrder()
    {
        var random = new Random(20261126);
        string[] segments = ["a", "b", "ab", "A", "v1", "v10", ""];
        string Path(int depth) => "/" + string.Join("/", Enumerable.Range(0, depth).Select(_ => segments[random.Next(segments.Length)]));
        string[] services = ["s.A", "s.AB", "s.B", "t.A", "s.a"];
        string[] methods = ["Get", "GetX", "List", "M"];
        var header = new HeaderMatch { Name = "x-h", Value = "1" };

        for (var round = 0; round < 50; round++)
        {
            var http = new List<CompiledHttpEntry>();
            var grpc = new List<CompiledGrpcEntry>();
            for (var i = 0; i < 30; i++)
            {
                var headers = random.Next(4) == 0 ? new[] { header } : [];
                http.Add(random.Next(6) switch
                {
                    0 => Http($"h{i}", PathMatchKind.Exact, Path(random.Next(1, 3))),
                    1 => Http($"h{i}", PathMatchKind.RegularExpression, "/a.*", null, headers),
                    2 => Http($"h{i}", PathMatchKind.PathPrefix, Path(random.Next(1, 3)) + "/", random.Next(2) == 0 ? "GET" : "POST", headers),
                    _ => Http($"h{i}", PathMatchKind.PathPrefix, Path(random.Next(0, 4)), null, headers),
                });
                var service = services[random.Next(services.Length)];
                var method = methods[random.Next(methods.Length)];
                grpc.Add(random.Next(6) switch
                {
                    0 => Grpc($"g{i}", GrpcMethodMatchKind.Exact, service, null, headers),
                    1 => Grpc($"g{i}", GrpcMethodMatchKind.Exact, null, method, headers),
                    2 => Grpc($"g{i}", GrpcMethodMatchKind.RegularExpression, service.Replace(".", "\\.", StringComparison.Ordinal)[..^1] + ".", "Get.*", headers),
                    3 => Grpc($"g{i}", GrpcMethodMatchKind.RegularExpression, "s\\.A+B?", null, headers),
                    _ => Grpc($"g{i}", GrpcMethodMatchKind.Exact, service, method, headers),
                });
            }

            var host = new CompiledVirtualHost("*", new GrpcMatcher(grpc), [.. http]);
            foreach (var withHeader in new[] { false, true })
            {
                var request = withHeader ? Request(random.Next(2) == 0 ? "GET" : "POST", ("x-h", "1")) : Request("GET");
                for (var k = 0; k < 40; k++)
                {
                    var path = Path(random.Next(0, 5));
                    var expected = http.FirstOrDefault(e => e.Matches(request, path))?.Source.Id;
                    Assert.Equal(expected, host.MatchHttp(request, path)?.Source.Id);

                    var grpcPath = $"/{services[random.Next(services.Length)]}/{methods[random.Next(methods.Length)]}";
                    var expectedGrpc = grpc.FirstOrDefault(e => e.Method.Matches(grpcPath) && HeaderMatcher.All(e.Headers, request.Headers))?.Source.Id;
                    Assert.Equal(expectedGrpc, host.Grpc.Match(grpcPath, request.Headers)?.Source.Id);
                }
            }
        }
    }
}
