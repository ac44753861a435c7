using Portico.Model.Meta;
using Portico.Model.Serialization;

namespace Portico.Model.GatewayApi;

public sealed class GatewayClassStatus
{
    public IReadOnlyList<Condition> Conditions { get; set; } = [];

    /// <summary>Sorted ascending by name, as the spec requires.</summary>
    [KeepEmpty]
    public IReadOnlyList<SupportedFeature> SupportedFeatures { get; set; } = [];
}
