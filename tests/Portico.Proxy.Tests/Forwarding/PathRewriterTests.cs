using Portico.Proxy.Forwarding;
using Portico.Routing.Actions;

namespace Portico.Proxy.Tests.Forwarding;

public sealed class PathRewriterTests
{
    [Theory]
    [InlineData("/foo/bar", "/foo", "/xyz", "/xyz/bar")]
    [InlineData("/foo", "/foo", "/xyz", "/xyz")]
    [InlineData("/foo/bar", "/foo", "/", "/bar")]
    [InlineData("/foo", "/foo", "/", "/")]
    [InlineData("/foo/bar", "/foo/", "/xyz/", "/xyz/bar")]
    [InlineData("/anything", "/", "/prefix", "/prefix/anything")]
    public void ReplacePrefixMatch(string path, string prefix, string value, string expected) =>
        Assert.Equal(expected, PathRewriter.Rewrite(path, new PathRewrite { Kind = PathRewriteKind.ReplacePrefixMatch, Value = value, MatchedPrefix = prefix }));

    [Fact]
    public void ReplaceFullPath() =>
        Assert.Equal("/new", PathRewriter.Rewrite("/old/path", new PathRewrite { Kind = PathRewriteKind.ReplaceFullPath, Value = "/new" }));
}
