using Microsoft.AspNetCore.Http;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// The upstream request as the gateway's edits see it (<see cref="RequestTransformer.EditRequest{T}"/>,
/// <see cref="Compilation.CompiledHeaders.Apply{T}"/>): an <see cref="HttpRequestMessage"/> on the YARP and direct
/// paths (<see cref="HttpRequestMessageTarget"/>), Portico's own header list on the h2 path
/// (<see cref="Http2RequestTarget"/>). Generic over structs, so each path gets its own code and no boxing.
/// Header names compare ignoring case.
/// </summary>
internal interface IUpstreamRequest
{
    /// <summary>The header's values joined with ", ", or null when absent.</summary>
    string? GetHeader(string name);

    /// <summary>Removes every value of the header (request and content headers alike).</summary>
    void RemoveHeader(string name);

    /// <summary>Adds a value (after any the header has).</summary>
    void AddHeader(string name, string value);

    /// <summary><c>:authority</c> (HTTP/2) / <c>Host</c>; null: the destination's own.</summary>
    void SetAuthority(string? authority);

    /// <summary>The path was rewritten: <paramref name="path"/> plus the client's query.</summary>
    void SetPath(string path, string? query);

    /// <summary>The client's path stays (no rewrite).</summary>
    void KeepPath(PathString path, QueryString query);
}
