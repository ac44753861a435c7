using Portico.Cli.Commands;

namespace Portico.Cli.Tests.Commands;

public sealed class IpAddressTextTests
{
    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("::", "::")]
    [InlineData("::0", "::")]
    [InlineData("::1", "::1")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    public void Accepts_IpLiterals_AndNormalizes(string text, string expected)
    {
        Assert.True(IpAddressText.TryNormalize(text, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1")]
    [InlineData("127.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.")]
    [InlineData("fe80::1%2")]
    [InlineData("[::1]")]
    [InlineData("example.com")]
    public void Rejects_AnythingElse(string? text)
    {
        Assert.False(IpAddressText.TryNormalize(text, out _));
    }
}
