using System.Net;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Filters;

/// <summary>HTTPRoute RequestRedirect and URLRewrite (issue item 7).</summary>
[Collection(FiltersCollection.Name)]
public sealed class RedirectRewriteTests(FiltersFixture fixture)
{
    [Theory]
    [InlineData("/host/a?q=1", 302, "http://new.example.com:{port}/host/a?q=1")]
    [InlineData("/scheme/a", 301, "https://redirect.example.com/scheme/a")]
    [InlineData("/port", 302, "http://redirect.example.com:8443/port")]
    [InlineData("/full/a/b", 302, "http://redirect.example.com:{port}/replaced")]
    [InlineData("/prefix/a/b?x=y", 302, "http://redirect.example.com:{port}/newprefix/a/b?x=y")]
    [InlineData("/prefix", 302, "http://redirect.example.com:{port}/newprefix")]
    [InlineData("/all/z", 308, "https://x.example.com:8443/y")]
    public async Task RequestRedirectWritesTheExactLocation(string path, int status, string location)
    {
        using var http = TestHttpClients.Http1(fixture.Port, "redirect.example.com");

        using var response = await http.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(location.Replace("{port}", fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RewriteHostnameChangesTheAuthorityTheBackendSees()
    {
        var echo = await GetAsync("/host/x");

        Assert.Equal("internal.example.com", echo.Authority);
        Assert.Equal("/host/x", echo.Path);
    }

    [Theory]
    [InlineData("/full/a/b?k=v", "/replaced", "k=v")]
    [InlineData("/api/users?x=1", "/v2/users", "x=1")]
    [InlineData("/api", "/v2", "")]
    [InlineData("/api/", "/v2/", "")]
    [InlineData("/strip/a/b", "/a/b", "")]
    [InlineData("/strip", "/", "")]
    public async Task RewritePath(string path, string expectedPath, string expectedQuery)
    {
        var echo = await GetAsync(path);

        Assert.Equal("web", echo.Server);
        Assert.Equal(expectedPath, echo.Path);
        Assert.Equal(expectedQuery, echo.Query);
        Assert.Equal($"rewrite.example.com:{fixture.Port}", echo.Authority);
    }

    private async Task<HttpEchoResponse> GetAsync(string path)
    {
        using var http = TestHttpClients.Http1(fixture.Port, "rewrite.example.com");
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpEchoResponse.ReadAsync(response);
    }
}
