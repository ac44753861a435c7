using Microsoft.AspNetCore.Http;
using Portico.Proxy.Matching;

namespace Portico.Proxy.Compilation;

/// <summary>The routes of one hostname pattern on one listener.</summary>
internal sealed class CompiledVirtualHost(string hostname, GrpcMatcher grpc, CompiledHttpEntry[] http)
{
    private readonly HttpRouteIndex _http = new(http);

    public string Hostname { get; } = hostname;

    public GrpcMatcher Grpc { get; } = grpc;

    /// <summary>The first HTTPRoute entry in precedence order that matches the request (see <see cref="HttpRouteIndex"/>).</summary>
    public CompiledHttpEntry? MatchHttp(HttpRequest request, string path) => _http.Match(request, path);
}
