namespace Portico.Proxy.Upstream.Http2.Hpack;

/// <summary>Receives the fields of a decoded header block, in order.</summary>
internal interface IHeaderSink
{
    void OnHeader(string name, string value);
}
