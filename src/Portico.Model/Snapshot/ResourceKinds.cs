using Portico.Model.Core;
using Portico.Model.GatewayApi;

namespace Portico.Model.Snapshot;

/// <summary>The registry of kinds Portico understands, looked up by <c>apiVersion</c> and <c>kind</c>.</summary>
public static class ResourceKinds
{
    public static ResourceKind GatewayClass { get; } = new(GatewayApiGroup.Name, "GatewayClass", ["v1", "v1beta1"], typeof(GatewayClass), Namespaced: false);

    public static ResourceKind Gateway { get; } = new(GatewayApiGroup.Name, "Gateway", ["v1", "v1beta1"], typeof(Gateway), Namespaced: true);

    public static ResourceKind GrpcRoute { get; } = new(GatewayApiGroup.Name, "GRPCRoute", ["v1"], typeof(GrpcRoute), Namespaced: true);

    public static ResourceKind HttpRoute { get; } = new(GatewayApiGroup.Name, "HTTPRoute", ["v1", "v1beta1"], typeof(HttpRoute), Namespaced: true);

    public static ResourceKind ReferenceGrant { get; } = new(GatewayApiGroup.Name, "ReferenceGrant", ["v1", "v1beta1"], typeof(ReferenceGrant), Namespaced: true);

    public static ResourceKind Namespace { get; } = new("", "Namespace", ["v1"], typeof(Namespace), Namespaced: false);

    public static ResourceKind Service { get; } = new("", "Service", ["v1"], typeof(Service), Namespaced: true);

    public static ResourceKind Secret { get; } = new("", "Secret", ["v1"], typeof(Secret), Namespaced: true);

    public static ResourceKind EndpointSlice { get; } = new("discovery.k8s.io", "EndpointSlice", ["v1"], typeof(EndpointSlice), Namespaced: true);

    public static IReadOnlyList<ResourceKind> All { get; } =
        [GatewayClass, Gateway, GrpcRoute, HttpRoute, ReferenceGrant, Namespace, Service, Secret, EndpointSlice];

    /// <summary>Finds the kind for an <c>apiVersion</c>/<c>kind</c> pair, or null when Portico does not read it.</summary>
    public static ResourceKind? Find(string apiVersion, string kind)
    {
        foreach (var candidate in All)
        {
            if (!string.Equals(candidate.Kind, kind, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var version in candidate.Versions)
            {
                if (string.Equals(candidate.ApiVersion(version), apiVersion, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The kind of a CLR type.</summary>
    public static ResourceKind ForType(Type type)
    {
        foreach (var candidate in All)
        {
            if (candidate.ClrType == type)
            {
                return candidate;
            }
        }

        throw new ArgumentException($"{type.Name} is not a resource kind", nameof(type));
    }
}
