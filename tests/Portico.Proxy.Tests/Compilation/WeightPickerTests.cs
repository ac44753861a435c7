using Portico.Proxy.Compilation;

namespace Portico.Proxy.Tests.Compilation;

public sealed class WeightPickerTests
{
    [Theory]
    [InlineData(new[] { 90, 10 })]
    [InlineData(new[] { 70, 30 })]
    [InlineData(new[] { 1, 1, 1 })]
    [InlineData(new[] { 1, 3 })]
    [InlineData(new[] { 999_999, 1 })]
    public void EveryCycleOfTotalWeightIsExact(int[] weights)
    {
        var picker = new WeightPicker(weights);
        var total = weights.Sum();
        var cycles = total > 10_000 ? 1 : 3;
        var counts = new int[weights.Length];
        for (var i = 0; i < total * cycles; i++)
        {
            counts[picker.Pick()]++;
        }

        Assert.Equal(weights.Select(w => w * cycles), counts);
    }

    [Fact]
    public void PicksAreSpreadNotBunched()
    {
        // 90/10: within any 20 consecutive picks the minority appears at least once.
        var picker = new WeightPicker([90, 10]);
        var picks = Enumerable.Range(0, 100).Select(_ => picker.Pick()).ToArray();
        for (var start = 0; start + 20 <= picks.Length; start++)
        {
            Assert.Contains(1, picks.Skip(start).Take(20));
        }
    }

    [Fact]
    public void ConcurrentPicksKeepExactRatios()
    {
        var picker = new WeightPicker([7, 3]);
        var counts = new int[2];
        Parallel.For(0, 10_000, _ => Interlocked.Increment(ref counts[picker.Pick()]));
        Assert.Equal([7_000, 3_000], counts);
    }
}
