namespace Portico.Cli.Admin;

/// <summary>The kinds of <c>portico get</c>, looked up by any kubectl spelling (plural, singular, short name).</summary>
internal static class ResourceTypes
{
    public static ResourceType GatewayClass { get; } = new("GatewayClass", "gatewayclasses", false, ["gatewayclass", "gc"]);

    public static ResourceType Gateway { get; } = new("Gateway", "gateways", true, ["gateway", "gtw"]);

    public static ResourceType GrpcRoute { get; } = new("GRPCRoute", "grpcroutes", true, ["grpcroute"]);

    public static ResourceType HttpRoute { get; } = new("HTTPRoute", "httproutes", true, ["httproute"]);

    public static ResourceType ReferenceGrant { get; } = new("ReferenceGrant", "referencegrants", true, ["referencegrant", "refgrant", "refgrants"]);

    public static IReadOnlyList<ResourceType> All { get; } = [GatewayClass, Gateway, GrpcRoute, HttpRoute, ReferenceGrant];

    /// <summary>Every accepted spelling, for help and error messages.</summary>
    public static string Names(IEnumerable<ResourceType> types) => string.Join(", ", types.Select(static t => t.Plural));

    /// <summary>Finds a type by name, case-insensitively; also accepts <c>kind.group</c> (<c>gateways.gateway.networking.k8s.io</c>).</summary>
    public static ResourceType? Find(string name, IEnumerable<ResourceType>? among = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = name.Split('.', 2)[0];
        foreach (var t in among ?? All)
        {
            if (string.Equals(plain, t.Plural, StringComparison.OrdinalIgnoreCase) ||
                t.Aliases.Any(a => string.Equals(plain, a, StringComparison.OrdinalIgnoreCase)))
            {
                return t;
            }
        }

        return null;
    }
}
