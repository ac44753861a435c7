using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

public sealed class RouteNamespaces
{
    /// <summary><c>Same</c> (default), <c>All</c> or <c>Selector</c>.</summary>
    public string From { get; set; } = "Same";

    public LabelSelector? Selector { get; init; }
}
