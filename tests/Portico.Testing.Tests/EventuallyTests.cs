namespace Portico.Testing.Tests;

public sealed class EventuallyTests
{
    [Fact]
    public async Task Returns_the_first_accepted_result()
    {
        var calls = 0;

        var result = await Eventually.ReturnsAsync(() => Task.FromResult(++calls), n => n == 3, interval: TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task Retries_failing_assertions_and_rethrows_the_last_on_timeout()
    {
        var calls = 0;
        await Eventually.SucceedsAsync(
            () =>
            {
                Assert.True(++calls >= 2);
                return Task.CompletedTask;
            },
            interval: TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Eventually.SucceedsAsync(() => throw new InvalidOperationException("never"), TimeSpan.FromMilliseconds(100)));
        Assert.Equal("never", error.Message);
        await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.ReturnsAsync(() => Task.FromResult(1), n => n == 2, TimeSpan.FromMilliseconds(100)));
    }
}
