using Portico.Routing.Actions;

namespace Portico.Proxy.Compilation;

/// <summary>A route action ready to run (see <see cref="RouteAction"/>).</summary>
internal sealed class CompiledAction
{
    public required RouteAction Source { get; init; }

    public CompiledHeaders? RequestHeaders { get; init; }

    public CompiledHeaders? ResponseHeaders { get; init; }

    public CompiledMirror[] Mirrors { get; init; } = [];

    public DirectResponse? DirectResponse { get; init; }

    public RedirectAction? Redirect { get; init; }

    public UrlRewriteAction? Rewrite { get; init; }

    public CompiledDestination[] Destinations { get; init; } = [];

    public WeightPicker? Picker { get; init; }

    public TimeSpan? RequestTimeout { get; init; }

    public CompiledDestination PickDestination() => Destinations.Length == 1 ? Destinations[0] : Destinations[Picker!.Pick()];
}
