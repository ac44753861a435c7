namespace Portico.Testing;

/// <summary>HTTP versions a <see cref="TestBackend"/> accepts.</summary>
public enum BackendProtocol
{
    /// <summary>HTTP/2 only: h2c prior knowledge in plaintext, ALPN <c>h2</c> with TLS. Serves gRPC.</summary>
    Http2,

    /// <summary>HTTP/1.1 only, for HTTPRoute backends (gRPC cannot be served).</summary>
    Http1,

    /// <summary>
    /// Both. With TLS, ALPN picks; in plaintext Kestrel serves HTTP/1.1 only (it answers an h2c preface with GOAWAY).
    /// </summary>
    Http1AndHttp2,
}
