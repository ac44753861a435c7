namespace Portico.Model.GatewayApi;

/// <summary>API group, versions and kinds of the Gateway API, verbatim.</summary>
public static class GatewayApiGroup
{
    public const string Name = "gateway.networking.k8s.io";
    public const string V1 = Name + "/v1";
    public const string V1Beta1 = Name + "/v1beta1";

    /// <summary>The core API group, spelled as the empty string in references.</summary>
    public const string Core = "";

    public const string GatewayClassKind = "GatewayClass";
    public const string GatewayKind = "Gateway";
    public const string GrpcRouteKind = "GRPCRoute";
    public const string HttpRouteKind = "HTTPRoute";
    public const string ReferenceGrantKind = "ReferenceGrant";
    public const string ServiceKind = "Service";
    public const string SecretKind = "Secret";
}
