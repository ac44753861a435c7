using Portico.Model.Meta;

namespace Portico.Model.GatewayApi;

/// <summary>ReferenceGrant, served as v1 and v1beta1 with one schema. Lives in the target namespace.</summary>
public sealed class ReferenceGrant : KubeObject
{
    public ReferenceGrantSpec Spec { get; set; } = new();
}
