using Portico.Proxy.Backends;

namespace Portico.Proxy.Compilation;

/// <summary>A mirror target and the share of requests it receives.</summary>
internal sealed class CompiledMirror(BackendPool backend, int numerator, int denominator)
{
    public BackendPool Backend { get; } = backend;

    /// <summary>Whether this request is mirrored (random sampling at numerator/denominator).</summary>
    public bool Sample() => numerator >= denominator || (numerator > 0 && Random.Shared.Next(denominator) < numerator);
}
