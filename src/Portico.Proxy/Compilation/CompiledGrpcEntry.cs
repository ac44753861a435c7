using Portico.Proxy.Matching;
using Portico.Routing.Matching;

namespace Portico.Proxy.Compilation;

/// <summary>A GRPCRoute entry ready to match.</summary>
internal sealed class CompiledGrpcEntry(GrpcRouteEntry source, MethodMatcher method, CompiledAction action)
{
    public CompiledGrpcEntry(GrpcRouteEntry source, CompiledAction action)
        : this(source, new MethodMatcher(source.Method), action)
    {
    }

    public GrpcRouteEntry Source { get; } = source;

    /// <summary>Compiled from <see cref="GrpcRouteEntry.Method"/> (possibly shared with an equal match of another entry or table).</summary>
    public MethodMatcher Method { get; } = method;

    public HeaderMatcher[] Headers { get; } = HeaderMatcher.Compile(source.Headers);

    public CompiledAction Action { get; } = action;
}
