namespace Portico.Proxy.Upstream.Http2.Hpack;

/// <summary>
/// A header block that cannot be decoded (RFC 7541: bad index, integer or string past its limit, bad Huffman
/// padding, table size update out of place). The decoder's state is then unusable: a connection error
/// (COMPRESSION_ERROR, RFC 9113 §4.3).
/// </summary>
internal sealed class HpackException(string message) : Exception(message);
