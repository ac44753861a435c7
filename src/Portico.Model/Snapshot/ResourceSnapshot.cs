using System.Runtime.CompilerServices;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Model.Snapshot;

/// <summary>
/// Everything the translator sees, immutable. A provider builds a new one for every change (level-triggered);
/// nothing in it is ever modified afterwards.
/// </summary>
public sealed class ResourceSnapshot
{
    public static ResourceSnapshot Empty { get; } = new([]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change, over every object: optimized from the first change
    public ResourceSnapshot(IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var gatewayClasses = new List<GatewayClass>();
        var gateways = new List<Gateway>();
        var grpcRoutes = new List<GrpcRoute>();
        var httpRoutes = new List<HttpRoute>();
        var grants = new List<ReferenceGrant>();
        var namespaces = new List<Namespace>();
        var services = new List<Service>();
        var slices = new List<EndpointSlice>();
        var secrets = new List<Secret>();
        foreach (var o in objects)
        {
            switch (o)
            {
                case GatewayClass x: gatewayClasses.Add(x); break;
                case Gateway x: gateways.Add(x); break;
                case GrpcRoute x: grpcRoutes.Add(x); break;
                case HttpRoute x: httpRoutes.Add(x); break;
                case ReferenceGrant x: grants.Add(x); break;
                case Namespace x: namespaces.Add(x); break;
                case Service x: services.Add(x); break;
                case EndpointSlice x: slices.Add(x); break;
                case Secret x: secrets.Add(x); break;
                default: throw new ArgumentException($"unsupported object type {o.GetType().Name}", nameof(objects));
            }
        }

        // Deterministic order regardless of how the provider enumerated its source.
        GatewayClasses = Sorted(gatewayClasses);
        Gateways = Sorted(gateways);
        GrpcRoutes = Sorted(grpcRoutes);
        HttpRoutes = Sorted(httpRoutes);
        ReferenceGrants = Sorted(grants);
        Namespaces = Sorted(namespaces);
        Services = Sorted(services);
        EndpointSlices = Sorted(slices);
        Secrets = Sorted(secrets);
    }

    public IReadOnlyList<GatewayClass> GatewayClasses { get; }

    public IReadOnlyList<Gateway> Gateways { get; }

    public IReadOnlyList<GrpcRoute> GrpcRoutes { get; }

    public IReadOnlyList<HttpRoute> HttpRoutes { get; }

    public IReadOnlyList<ReferenceGrant> ReferenceGrants { get; }

    public IReadOnlyList<Namespace> Namespaces { get; }

    public IReadOnlyList<Service> Services { get; }

    public IReadOnlyList<EndpointSlice> EndpointSlices { get; }

    public IReadOnlyList<Secret> Secrets { get; }

    /// <summary>Every object, in kind order then namespace/name.</summary>
    public IEnumerable<KubeObject> All =>
        GatewayClasses.Cast<KubeObject>().Concat(Gateways).Concat(GrpcRoutes).Concat(HttpRoutes).Concat(ReferenceGrants)
            .Concat(Namespaces).Concat(Services).Concat(EndpointSlices).Concat(Secrets);

    private static T[] Sorted<T>(List<T> items)
        where T : KubeObject
    {
        items.Sort(ByNamespaceThenName);
        return [.. items];
    }

    // Ordinal: namespace then name, as kubectl lists them. Called n log n times for every snapshot (tens of thousands for
    // a configuration of thousands of routes), so optimized from the first snapshot rather than after tiering up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ByNamespaceThenName(KubeObject a, KubeObject b)
    {
        var c = string.CompareOrdinal(a.Namespace, b.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }
}
