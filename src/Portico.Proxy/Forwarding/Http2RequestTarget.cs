using Microsoft.AspNetCore.Http;
using Portico.Proxy.Upstream.Http2;

namespace Portico.Proxy.Forwarding;

/// <summary><see cref="IUpstreamRequest"/> over the h2 path's header list (<see cref="Http2RequestHeaders"/>).</summary>
internal readonly struct Http2RequestTarget(Http2RequestHeaders headers) : IUpstreamRequest
{
    public string? GetHeader(string name) => headers.Get(name);

    public void RemoveHeader(string name) => headers.Remove(name);

    public void AddHeader(string name, string value) => headers.Add(name, value);

    public void SetAuthority(string? authority)
    {
        if (authority is not null)
        {
            headers.Authority = authority;
        }
    }

    public void SetPath(string path, string? query) => headers.Path = string.IsNullOrEmpty(query) ? path : path + query;

    public void KeepPath(PathString path, QueryString query)
    {
        // Set when the list was started (H2GrpcForwarder): the client's path and query.
    }
}
