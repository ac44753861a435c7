using Microsoft.AspNetCore.Http;
using Portico.Proxy.Matching;
using Portico.Routing.Matching;

namespace Portico.Proxy.Compilation;

/// <summary>An HTTPRoute entry ready to match.</summary>
internal sealed class CompiledHttpEntry(HttpRouteEntry source, CompiledAction action)
{
    private readonly PathMatcher _path = new(source.Path);
    private readonly HeaderMatcher[] _headers = HeaderMatcher.Compile(source.Headers);
    private readonly HeaderMatcher[] _query = HeaderMatcher.Compile(source.QueryParams);

    public HttpRouteEntry Source { get; } = source;

    public CompiledAction Action { get; } = action;

    public bool Matches(HttpRequest request, string path)
    {
        if (!_path.Matches(path))
        {
            return false;
        }

        if (Source.Method is { } method && !string.Equals(request.Method, method, StringComparison.Ordinal))
        {
            return false;
        }

        if (!HeaderMatcher.All(_headers, request.Headers))
        {
            return false;
        }

        foreach (var q in _query)
        {
            if (!q.Matches(request.Query))
            {
                return false;
            }
        }

        return true;
    }
}
