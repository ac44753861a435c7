using Portico.Proxy.Matching;
using Portico.Routing.Matching;

namespace Portico.Proxy.Compilation;

/// <summary>A GRPCRoute entry ready to match.</summary>
internal sealed class CompiledGrpcEntry(GrpcRouteEntry source, CompiledAction action)
{
    public GrpcRouteEntry Source { get; } = source;

    public MethodMatcher Method { get; } = new(source.Method);

    public HeaderMatcher[] Headers { get; } = [.. source.Headers.Select(h => new HeaderMatcher(h))];

    public CompiledAction Action { get; } = action;
}
