using Portico.Translation.Common;

namespace Portico.Translation.Tests.Common;

public sealed class HostnamesTests
{
    [Theory]
    [InlineData(null, "a.example.com", "a.example.com")]
    [InlineData("a.example.com", "a.example.com", "a.example.com")]
    [InlineData("a.example.com", "b.example.com", null)]
    [InlineData("*.example.com", "a.example.com", "a.example.com")]
    [InlineData("*.example.com", "a.b.example.com", "a.b.example.com")]
    [InlineData("*.example.com", "example.com", null)]
    [InlineData("a.example.com", "*.example.com", "a.example.com")]
    [InlineData("example.com", "*.example.com", null)]
    [InlineData("*.com", "*.example.com", "*.example.com")]
    [InlineData("*.example.com", "*.com", "*.example.com")]
    [InlineData("*.example.com", "*.example.com", "*.example.com")]
    [InlineData("*.example.com", "*.example.net", null)]
    [InlineData("*.example.com", "test.example.net", null)]
    [InlineData("foo.example.com", "*.bar.example.com", null)]
    public void IntersectFollowsTheSpec(string? listener, string route, string? expected) =>
        Assert.Equal(expected, Hostnames.Intersect(listener, route));

    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "aexample.com", false)]
    [InlineData("*", "anything.test", true)]
    [InlineData("a.example.com", "a.example.com", true)]
    [InlineData("a.example.com", "b.example.com", false)]
    public void MatchesHost(string pattern, string host, bool expected) => Assert.Equal(expected, Hostnames.Matches(pattern, host));

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("*.example.com", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("Example.com", false)]
    [InlineData("a..b", false)]
    [InlineData("*", false)]
    [InlineData("-a.com", false)]
    public void Validate(string hostname, bool valid) => Assert.Equal(valid, Hostnames.Validate(hostname) is null);
}
