using System.Globalization;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Serialization;

namespace Portico.Benchmarks;

/// <summary>Builders for the few object shapes the generated snapshots need, with apiVersion and kind filled in.</summary>
internal static class Objects
{
    public const string ControllerName = "portico.dev/gateway-controller";

    public static Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new ObjectMeta { Name = name },
    };

    public static GatewayClass GatewayClass(string name) => new()
    {
        ApiVersion = GatewayApiGroup.V1,
        Kind = GatewayApiGroup.GatewayClassKind,
        Metadata = Meta(name, null),
        Spec = new GatewayClassSpec { ControllerName = ControllerName },
    };

    public static Gateway Gateway(string ns, string name, string className, int port) => new()
    {
        ApiVersion = GatewayApiGroup.V1,
        Kind = GatewayApiGroup.GatewayKind,
        Metadata = Meta(name, ns),
        Spec = new GatewaySpec
        {
            GatewayClassName = className,
            Listeners = [new Listener { Name = "grpc", Port = port, Protocol = ListenerProtocol.Http }],
        },
    };

    /// <summary>A GRPCRoute with one rule: an exact service/method match to one Service port.</summary>
    public static GrpcRoute GrpcRoute(string ns, string name, string gateway, string? hostname, string service, string method, string backend) => new()
    {
        ApiVersion = GatewayApiGroup.V1,
        Kind = GatewayApiGroup.GrpcRouteKind,
        Metadata = Meta(name, ns),
        Spec = new GrpcRouteSpec
        {
            ParentRefs = [new ParentReference { Name = gateway }],
            Hostnames = hostname is null ? [] : [hostname],
            Rules =
            [
                new GrpcRouteRule
                {
                    Matches = [new GrpcRouteMatch { Method = new GrpcMethodMatch { Service = service, Method = method } }],
                    BackendRefs = [new GrpcBackendRef { Name = backend, Port = 50051 }],
                },
            ],
        },
    };

    public static Service Service(string ns, string name, int targetPort) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(name, ns),
        Spec = new ServiceSpec
        {
            Ports =
            [
                new ServicePort { Name = "grpc", Port = 50051, TargetPort = IntOrString.FromInt(targetPort), AppProtocol = "kubernetes.io/h2c" },
            ],
        },
    };

    /// <summary>An EndpointSlice for <paramref name="service"/> with <paramref name="endpoints"/> loopback addresses.</summary>
    public static EndpointSlice EndpointSlice(string ns, string service, int port, int endpoints) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new ObjectMeta
        {
            Name = service + "-1",
            Namespace = ns,
            Generation = 1,
            Labels = new Dictionary<string, string> { [Portico.Model.Core.EndpointSlice.ServiceNameLabel] = service },
        },
        Ports = [new EndpointPort { Name = "grpc", Port = port }],
        Endpoints = Enumerable.Range(1, endpoints)
            .Select(i => new Endpoint { Addresses = [string.Create(CultureInfo.InvariantCulture, $"127.0.1.{i}")] })
            .ToList(),
    };

    private static ObjectMeta Meta(string name, string? ns) => new()
    {
        Name = name,
        Namespace = ns,
        Generation = 1,

        // One fixed time: precedence ties then fall to namespace/name, as they do for `portico check`.
        CreationTimestamp = DateTimeOffset.UnixEpoch,
    };
}
