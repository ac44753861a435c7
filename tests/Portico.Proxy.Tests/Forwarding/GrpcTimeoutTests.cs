using Portico.Proxy.Forwarding;

namespace Portico.Proxy.Tests.Forwarding;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1S", 1000)]
    [InlineData("250m", 250)]
    [InlineData("2M", 120_000)]
    [InlineData("1H", 3_600_000)]
    [InlineData("5000u", 5)]
    [InlineData("99999999m", 99_999_999)]
    public void Parses(string value, double ms)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var t));
        Assert.Equal(ms, t.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    public void RejectsMalformed(string? value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void FormatsWithinEightDigitsAndRoundTrips()
    {
        foreach (var t in new[] { TimeSpan.FromMilliseconds(1.5), TimeSpan.FromSeconds(3), TimeSpan.FromHours(30), TimeSpan.FromDays(300) })
        {
            var text = GrpcTimeout.Format(t);
            Assert.True(text.Length <= 9, text);
            Assert.True(GrpcTimeout.TryParse(text, out var back));
            Assert.InRange(back, t, t + TimeSpan.FromSeconds(1));
        }
    }
}
