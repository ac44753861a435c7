namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// A failed upstream HTTP/2 stream or connection. An <see cref="IOException"/>, so callers treat it as transport
/// failure. <see cref="Retryable"/>: the server never processed the stream (GOAWAY with a lower last-stream-id,
/// REFUSED_STREAM, or the connection was gone before the stream was sent), so sending it again is safe.
/// </summary>
internal class Http2Exception(string message, bool retryable = false, Exception? inner = null) : IOException(message, inner)
{
    public bool Retryable { get; } = retryable;
}

/// <summary>The server reset the stream (RST_STREAM) with <see cref="Code"/>.</summary>
internal sealed class Http2StreamResetException(Http2ErrorCode code)
    : Http2Exception($"the upstream reset the HTTP/2 stream ({code})", retryable: code == Http2ErrorCode.RefusedStream)
{
    public Http2ErrorCode Code { get; } = code;
}

/// <summary>A protocol violation by the peer: the connection is closed with GOAWAY(<see cref="Code"/>).</summary>
internal sealed class Http2ProtocolException(Http2ErrorCode code, string message) : Http2Exception($"HTTP/2 {code}: {message}")
{
    public Http2ErrorCode Code { get; } = code;
}
