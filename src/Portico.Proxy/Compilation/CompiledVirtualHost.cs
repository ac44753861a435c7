using Microsoft.AspNetCore.Http;
using Portico.Proxy.Matching;

namespace Portico.Proxy.Compilation;

/// <summary>The routes of one hostname pattern on one listener.</summary>
internal sealed class CompiledVirtualHost(string hostname, GrpcMatcher grpc, CompiledHttpEntry[] http)
{
    public string Hostname { get; } = hostname;

    public GrpcMatcher Grpc { get; } = grpc;

    public CompiledHttpEntry? MatchHttp(HttpRequest request, string path)
    {
        foreach (var e in http)
        {
            if (e.Matches(request, path))
            {
                return e;
            }
        }

        return null;
    }
}
