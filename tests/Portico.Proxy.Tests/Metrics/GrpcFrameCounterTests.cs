using Portico.Proxy.Metrics;

namespace Portico.Proxy.Tests.Metrics;

public sealed class GrpcFrameCounterTests
{
    private static byte[] Frames(params int[] lengths)
    {
        var bytes = new List<byte>();
        foreach (var n in lengths)
        {
            bytes.Add(0);
            bytes.AddRange([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
            bytes.AddRange(Enumerable.Repeat((byte)0xAB, n));
        }

        return [.. bytes];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(1000)]
    public void CountsMessages_HoweverTheBytesAreSplit(int chunk)
    {
        var data = Frames(0, 3, 300, 0, 70000, 1);
        var counter = new GrpcFrameCounter();
        var found = 0;
        for (var i = 0; i < data.Length; i += chunk)
        {
            found += counter.Observe(data.AsSpan(i, Math.Min(chunk, data.Length - i)));
        }

        Assert.Equal(6, counter.Messages);
        Assert.Equal(6, found);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void GrpcWebTrailerFrames_AreNotMessages(int chunk)
    {
        var data = Frames(4, 2).ToList();
        data.AddRange([0x80, 0, 0, 0, 3, (byte)'a', (byte)':', (byte)'b']);
        var counter = new GrpcFrameCounter();
        for (var i = 0; i < data.Count; i += chunk)
        {
            counter.Observe(data.ToArray().AsSpan(i, Math.Min(chunk, data.Count - i)));
        }

        Assert.Equal(2, counter.Messages);
    }

    [Fact]
    public void APrefixCountsBeforeItsPayloadArrives()
    {
        var counter = new GrpcFrameCounter();
        Assert.Equal(1, counter.Observe(Frames(10).AsSpan(0, 6)));
        Assert.Equal(1, counter.Messages);
    }
}
