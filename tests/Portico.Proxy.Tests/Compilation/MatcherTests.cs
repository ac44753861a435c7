using Microsoft.AspNetCore.Http;
using Portico.Proxy.Compilation;
using Portico.Proxy.Matching;
using Portico.Routing.Actions;
using Portico.Routing.Matching;

namespace Portico.Proxy.Tests.Compilation;

public sealed class MatcherTests
{
    [Theory]
    [InlineData("pkg.Svc", "Echo", "/pkg.Svc/Echo", true)]
    [InlineData("pkg.Svc", "Echo", "/pkg.Svc/EchoTwo", false)]
    [InlineData("pkg.Svc", "Echo", "/pkg.SvcX/Echo", false)]
    [InlineData("pkg.Svc", null, "/pkg.Svc/Anything", true)]
    [InlineData("pkg.Svc", null, "/pkg.Svc2/Anything", false)]
    [InlineData(null, "Echo", "/any.Svc/Echo", true)]
    [InlineData(null, "Echo", "/any.Svc/NotEcho", false)]
    public void ExactMethodMatchesAreAnchored(string? service, string? method, string path, bool expected)
    {
        var m = new MethodMatcher(new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Exact, Service = service, Method = method });
        Assert.Equal(expected, m.Matches(path));
    }

    [Theory]
    [InlineData("pkg\\..*", null, "/pkg.Svc/M", true)]
    [InlineData("pkg\\..*", null, "/other.Svc/M", false)]
    [InlineData(null, "Get.*", "/pkg.Svc/GetUser", true)]
    [InlineData(null, "Get.*", "/pkg.Svc/ListUsers", false)]
    [InlineData("pkg.Svc", "Ec", "/pkg.Svc/Echo", false)]
    public void RegexMatchesWholeNames(string? service, string? method, string path, bool expected)
    {
        var m = new MethodMatcher(new GrpcMethodMatch { Kind = GrpcMethodMatchKind.RegularExpression, Service = service, Method = method });
        Assert.Equal(expected, m.Matches(path));
    }

    [Fact]
    public void ExactPathCandidatesIncludeGenericEntriesInPrecedenceOrder()
    {
        var header = new GrpcRouteEntry
        {
            Id = "a",
            Method = new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Exact, Service = "s.S", Method = "M" },
            Headers = [new HeaderMatch { Name = "x-group", Value = "b" }],
        };
        var exact = new GrpcRouteEntry { Id = "b", Method = new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Exact, Service = "s.S", Method = "M" } };
        var service = new GrpcRouteEntry { Id = "c", Method = new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Exact, Service = "s.S" } };
        var any = new GrpcRouteEntry { Id = "d" };
        var action = new CompiledAction { Source = new RouteAction() };
        var matcher = new GrpcMatcher([.. new[] { header, exact, service, any }.Select(e => new CompiledGrpcEntry(e, action))]);

        Assert.Equal("a", matcher.Match("/s.S/M", Headers(("x-group", "b")))!.Source.Id);
        Assert.Equal("b", matcher.Match("/s.S/M", Headers())!.Source.Id);
        Assert.Equal("c", matcher.Match("/s.S/Other", Headers())!.Source.Id);
        Assert.Equal("d", matcher.Match("/t.T/M", Headers())!.Source.Id);
    }

    [Theory]
    [InlineData(PathMatchKind.PathPrefix, "/foo", "/foo", true)]
    [InlineData(PathMatchKind.PathPrefix, "/foo", "/foo/bar", true)]
    [InlineData(PathMatchKind.PathPrefix, "/foo", "/foobar", false)]
    [InlineData(PathMatchKind.PathPrefix, "/foo/", "/foo", true)]
    [InlineData(PathMatchKind.PathPrefix, "/", "/anything", true)]
    [InlineData(PathMatchKind.Exact, "/foo", "/foo/", false)]
    [InlineData(PathMatchKind.Exact, "/foo", "/Foo", false)]
    [InlineData(PathMatchKind.RegularExpression, "/v[0-9]+/.*", "/v2/x", true)]
    [InlineData(PathMatchKind.RegularExpression, "/v[0-9]+", "/v2/x", false)]
    public void PathMatching(PathMatchKind kind, string value, string path, bool expected) =>
        Assert.Equal(expected, new PathMatcher(new PathMatch { Kind = kind, Value = value }).Matches(path));

    [Fact]
    public void HeaderMatchIsCaseInsensitiveOnNameAndExactOnValue()
    {
        var m = new HeaderMatcher(new HeaderMatch { Name = "x-experiment-group", Value = "treatment-a" });
        Assert.True(m.Matches(Headers(("X-Experiment-Group", "treatment-a"))));
        Assert.False(m.Matches(Headers(("x-experiment-group", "Treatment-A"))));
        Assert.False(m.Matches(Headers()));
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var d = new HeaderDictionary();
        foreach (var (n, v) in headers)
        {
            d[n] = v;
        }

        return d;
    }
}
