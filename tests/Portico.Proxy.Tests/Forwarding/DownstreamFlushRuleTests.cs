using Portico.Proxy.Forwarding;

namespace Portico.Proxy.Tests.Forwarding;

/// <summary>The response flush rule both own gRPC paths share.</summary>
public sealed class DownstreamFlushRuleTests
{
    [Fact]
    public void TheHeadersAreOwedBeforeTheFirstWaitAndNothingTwice()
    {
        var rule = default(DownstreamFlushRule);

        Assert.True(rule.BeforeWait()); // the response headers leave before the proxy first waits (yarp#2520)
        Assert.False(rule.BeforeWait()); // nothing written since
    }

    [Fact]
    public void DataWrittenIsFlushedBeforeTheNextWait()
    {
        var rule = default(DownstreamFlushRule);
        Assert.True(rule.BeforeWait());

        Assert.False(rule.Wrote(100));
        Assert.True(rule.BeforeWait());
        Assert.False(rule.BeforeWait());
    }

    [Fact]
    public void AFastBackendIsFlushedEvery64KiBWithoutWaiting()
    {
        var rule = default(DownstreamFlushRule);

        Assert.False(rule.Wrote(40 * 1024));
        Assert.True(rule.Wrote(24 * 1024)); // 64 KiB unflushed: flush now
        Assert.False(rule.BeforeWait()); // and that flush covered it
        Assert.False(rule.Wrote(63 * 1024)); // the count started again
    }
}
