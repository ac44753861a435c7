using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

public sealed class ListenerManagerOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new ListenerManagerOptions();

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(15), options.DrainTimeout);
        Assert.Equal(250, options.MaxStreamsPerConnection);
        Assert.Null(options.MaxConcurrentConnections);
    }

    public static TheoryData<ListenerManagerOptions, string> OutOfRange() => new()
    {
        { new() { DrainTimeout = TimeSpan.FromSeconds(301) }, nameof(ListenerManagerOptions.DrainTimeout) },
        { new() { DrainTimeout = TimeSpan.FromSeconds(-1) }, nameof(ListenerManagerOptions.DrainTimeout) },
        { new() { PrefaceTimeout = TimeSpan.Zero }, nameof(ListenerManagerOptions.PrefaceTimeout) },
        { new() { TlsHandshakeTimeout = TimeSpan.FromMinutes(5) }, nameof(ListenerManagerOptions.TlsHandshakeTimeout) },
        { new() { MaxConcurrentConnections = 0 }, nameof(ListenerManagerOptions.MaxConcurrentConnections) },
        { new() { MaxStreamsPerConnection = 0 }, nameof(ListenerManagerOptions.MaxStreamsPerConnection) },
        { new() { KeepAlivePingDelay = TimeSpan.FromMilliseconds(10) }, nameof(ListenerManagerOptions.KeepAlivePingDelay) },
        { new() { KeepAlivePingTimeout = TimeSpan.FromHours(2) }, nameof(ListenerManagerOptions.KeepAlivePingTimeout) },
        { new() { KeepAliveTimeout = TimeSpan.Zero }, nameof(ListenerManagerOptions.KeepAliveTimeout) },
        { new() { RequestHeadersTimeout = TimeSpan.FromHours(1) }, nameof(ListenerManagerOptions.RequestHeadersTimeout) },
        { new() { MaxRequestHeadersTotalSize = 100 }, nameof(ListenerManagerOptions.MaxRequestHeadersTotalSize) },
        { new() { MaxRequestHeaderCount = 0 }, nameof(ListenerManagerOptions.MaxRequestHeaderCount) },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_settings_are_rejected_by_name(ListenerManagerOptions options, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListenerManager(new TestSocketApplication(), options));
    }
}
