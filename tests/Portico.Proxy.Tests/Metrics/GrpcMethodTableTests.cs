using Portico.Proxy.Metrics;

namespace Portico.Proxy.Tests.Metrics;

public sealed class GrpcMethodTableTests
{
    private static GrpcMethodTable Table(int capacity) =>
        new(new GrpcFamilies(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())), capacity);

    [Theory]
    [InlineData("/")]
    [InlineData("/pkg.Service")]
    [InlineData("/pkg.Service/")]
    [InlineData("//Method")]
    [InlineData("/a/b/c")]
    [InlineData("no-slash")]
    public void PathsThatAreNotServiceSlashMethod_AreUnknown(string path)
    {
        var table = Table(10);
        Assert.Same(table.Unknown, table.Get(path));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void SplitsServiceAndMethod_AndReturnsTheSameEntryEachTime()
    {
        var table = Table(10);
        var stats = table.Get("/pkg.v1.Service/Do");
        Assert.Equal("pkg.v1.Service", stats.Service);
        Assert.Equal("Do", stats.Method);
        Assert.Same(stats, table.Get("/pkg.v1.Service/Do"));
    }

    [Fact]
    public void PastTheCap_NewMethodsShareOther_AndTheTableStopsGrowing()
    {
        var table = Table(3);
        for (var i = 0; i < 10; i++)
        {
            table.Get($"/s/M{i}");
        }

        Assert.Equal(3, table.Count);
        Assert.Same(table.Other, table.Get("/s/M9"));
        Assert.NotSame(table.Other, table.Get("/s/M0"));
        Assert.Same(table.Other, table.Get("/s/" + new string('x', GrpcMethodTable.MaxPathLength)));
    }

    [Fact]
    public void TypeIsLearnedFromOkCalls_AndOnlyGrows()
    {
        var stats = Table(10).Get("/s/Stream");
        Assert.Null(stats.KnownType);
        stats.Learn(received: 1, sent: 1);
        Assert.Equal(GrpcCallType.Unary, stats.KnownType);
        stats.Learn(received: 1, sent: 5);
        Assert.Equal(GrpcCallType.ServerStream, stats.KnownType);
        stats.Learn(received: 1, sent: 1);
        Assert.Equal(GrpcCallType.ServerStream, stats.KnownType);
        stats.Learn(received: 3, sent: 0);
        Assert.Equal(GrpcCallType.BidiStream, stats.KnownType);
    }

    [Fact]
    public void SharedBucketsNeverLearn()
    {
        var table = Table(0);
        table.Other.Learn(5, 5);
        Assert.Null(table.Other.KnownType);
        Assert.Same(table.Other, table.Get("/s/M"));
    }

    [Fact]
    public void SeriesAreCachedPerType()
    {
        var stats = Table(10).Get("/s/M");
        var unary = stats.Series(GrpcCallType.Unary);
        Assert.Same(unary, stats.Series(GrpcCallType.Unary));
        Assert.Same(unary.Handled(0), unary.Handled(0));
        Assert.Same(unary.Handled(2), unary.Handled(99)); // out-of-range codes count as Unknown
        Assert.NotSame(unary, stats.Series(GrpcCallType.BidiStream));
    }
}
