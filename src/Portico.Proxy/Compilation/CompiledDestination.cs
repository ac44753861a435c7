using Portico.Proxy.Backends;
using Portico.Routing.Actions;

namespace Portico.Proxy.Compilation;

/// <summary>A weighted destination ready to use: a backend pool with its filters, or a fixed failure.</summary>
internal sealed class CompiledDestination
{
    public BackendPool? Backend { get; init; }

    public DirectResponse? Failure { get; init; }

    public CompiledHeaders? RequestHeaders { get; init; }

    public CompiledHeaders? ResponseHeaders { get; init; }

    public CompiledMirror[] Mirrors { get; init; } = [];

    public RedirectAction? Redirect { get; init; }

    public UrlRewriteAction? Rewrite { get; init; }
}
