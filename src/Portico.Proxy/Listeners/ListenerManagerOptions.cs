namespace Portico.Proxy.Listeners;

/// <summary>
/// Per-socket server settings. Every bound socket gets its own Kestrel server with these values; each property
/// documents its default and the accepted range, and <see cref="Validate"/> enforces them.
/// </summary>
public sealed record ListenerManagerOptions
{
    /// <summary>
    /// How long a removed socket may keep serving its in-flight requests after it stopped accepting connections;
    /// the remaining connections are aborted afterwards. Default 15 s, range 0–300 s (0 aborts at once).
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a new cleartext connection may take to send enough bytes to tell HTTP/1.1 from an h2c
    /// prior-knowledge preface (at most 24). A client that stalls inside that window is disconnected.
    /// Default 10 s, range 1–120 s.
    /// </summary>
    public TimeSpan PrefaceTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Maximum duration of a TLS handshake. Default 10 s, range 1–120 s.</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections per socket; null means unlimited (the default). Range 1–10,000,000.</summary>
    public long? MaxConcurrentConnections { get; init; }

    /// <summary>
    /// HTTP/2 concurrent streams per connection. Default 250 (Kestrel's 100 makes long-lived gRPC streams queue
    /// the 101st call), range 1–10,000. Kestrel's rapid-reset budget scales with it.
    /// </summary>
    public int MaxStreamsPerConnection { get; init; } = 250;

    /// <summary>
    /// Idle time on an HTTP/2 connection after which the server pings the client. Default 60 s, range 1 s–1 h.
    /// Pings are what reaps connections whose client vanished without a FIN while streams are open.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for a ping acknowledgement before closing the connection. Default 20 s, range 1 s–1 h.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a connection with no request or stream in progress stays open. Default 130 s (Kestrel's),
    /// range 1 s–1 h. It never applies while a request or stream is active, however quiet.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>Time allowed to receive a request's headers. Default 30 s (Kestrel's), range 1 s–10 min.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Total size of a request's headers. Default 32 KiB (Kestrel's), range 1 KiB–1 MiB.</summary>
    public int MaxRequestHeadersTotalSize { get; init; } = 32 * 1024;

    /// <summary>Number of headers in a request. Default 100 (Kestrel's), range 1–10,000.</summary>
    public int MaxRequestHeaderCount { get; init; } = 100;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting outside its range.</summary>
    public void Validate()
    {
        CheckRange(DrainTimeout, TimeSpan.Zero, TimeSpan.FromSeconds(300), nameof(DrainTimeout));
        CheckRange(PrefaceTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), nameof(PrefaceTimeout));
        CheckRange(TlsHandshakeTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), nameof(TlsHandshakeTimeout));
        if (MaxConcurrentConnections is { } max)
        {
            CheckRange(max, 1, 10_000_000, nameof(MaxConcurrentConnections));
        }

        CheckRange(MaxStreamsPerConnection, 1, 10_000, nameof(MaxStreamsPerConnection));
        CheckRange(KeepAlivePingDelay, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(KeepAlivePingDelay));
        CheckRange(KeepAlivePingTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(KeepAlivePingTimeout));
        CheckRange(KeepAliveTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(KeepAliveTimeout));
        CheckRange(RequestHeadersTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), nameof(RequestHeadersTimeout));
        CheckRange(MaxRequestHeadersTotalSize, 1024, 1024 * 1024, nameof(MaxRequestHeadersTotalSize));
        CheckRange(MaxRequestHeaderCount, 1, 10_000, nameof(MaxRequestHeaderCount));
    }

    private static void CheckRange<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
