using Portico.Translation.Common;

namespace Portico.Translation.Tests.Common;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1h1m1s1ms", 3_661_001)]
    [InlineData("0s", 0)]
    public void ParsesGep2257(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(milliseconds, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("1.5s")]
    [InlineData("123456s")]
    [InlineData("1h1m1s1ms1s")]
    [InlineData("")]
    public void RejectsOtherForms(string text) => Assert.False(Durations.TryParse(text, out _));
}
