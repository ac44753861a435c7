namespace Portico.Proxy.Upstream.Http2;

/// <summary>Settings of Portico's own h2c client (<see cref="Http2ConnectionPool"/>).</summary>
internal sealed record Http2ClientOptions
{
    /// <summary>TCP connect timeout. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection without streams for this long is closed. Default 1 minute.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the pool looks at its connections: idle ones are closed (after <see cref="IdleTimeout"/>), busy ones
    /// get a PING, and a busy connection whose previous PING is still unanswered is taken for dead and dropped (its
    /// streams fail). So a silent backend is found within two intervals. Default 30 s (as the HttpClient path's
    /// keep-alive ping delay).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Our SETTINGS_INITIAL_WINDOW_SIZE: response bytes one stream may have in flight unread. Default 1 MiB; range 65,535 – 2^31-1.</summary>
    public int StreamWindow { get; init; } = 1 << 20;

    /// <summary>The connection's receive window (raised by WINDOW_UPDATE after the preface). Default 4 MiB; range 65,535 – 2^31-1.</summary>
    public int ConnectionWindow { get; init; } = 4 << 20;

    /// <summary>Largest decoded response header list (RFC 9113 §6.5.2 sizes). Default 64 KiB.</summary>
    public int MaxHeaderListSize { get; init; } = 64 * 1024;

    /// <summary>Streams assumed allowed per connection until the server's SETTINGS say otherwise. Default 100.</summary>
    public int AssumedMaxConcurrentStreams { get; init; } = 100;

    /// <summary>
    /// Streams Portico opens on one connection at most, below the server's SETTINGS_MAX_CONCURRENT_STREAMS; more
    /// calls open more connections. A server allowing many streams otherwise gets every call on one connection,
    /// whose one send window (the server's receive window, e.g. Kestrel's 1 MiB) all request bodies then share.
    /// Default <see cref="int.MaxValue"/>: the server's limit alone.
    /// </summary>
    public int MaxStreamsPerConnection { get; init; } = int.MaxValue;
}
