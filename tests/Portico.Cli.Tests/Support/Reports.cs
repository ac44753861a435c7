using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;

namespace Portico.Cli.Tests.Support;

/// <summary>Hand-built status reports, so output and audit tests do not depend on the translator.</summary>
internal static class Reports
{
    public static Condition Condition(string type, string status, string reason, string message = "") =>
        new() { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = 1 };

    public static StatusItem GatewayClass(params Condition[] conditions) => new()
    {
        ApiVersion = GatewayApiGroup.V1,
        Kind = "GatewayClass",
        Metadata = new StatusItemMetadata { Name = "portico", Generation = 1 },
        Status = new GatewayClassStatus { Conditions = conditions },
    };

    public static StatusItem Gateway(IReadOnlyList<Condition> conditions, params ListenerStatus[] listeners) => new()
    {
        ApiVersion = GatewayApiGroup.V1,
        Kind = "Gateway",
        Metadata = new StatusItemMetadata { Name = "gw", Namespace = "infra", Generation = 1 },
        Status = new GatewayStatus
        {
            Addresses = [new GatewayStatusAddress { Value = "127.0.0.1" }],
            Conditions = conditions,
            Listeners = listeners,
        },
    };

    public static ListenerStatus Listener(string name, int attached, params Condition[] conditions) => new()
    {
        Name = name,
        AttachedRoutes = attached,
        SupportedKinds = [new RouteGroupKind { Kind = "GRPCRoute" }, new RouteGroupKind { Kind = "HTTPRoute" }],
        Conditions = conditions,
    };

    public static StatusItem GrpcRoute(string name, ParentReference parent, params Condition[] conditions) => new()
    {
        ApiVersion = GatewayApiGroup.V1,
        Kind = "GRPCRoute",
        Metadata = new StatusItemMetadata { Name = name, Namespace = "app", Generation = 1 },
        Status = new RouteStatus
        {
            Parents = [new RouteParentStatus { ParentRef = parent, ControllerName = "portico.dev/gateway-controller", Conditions = conditions }],
        },
    };
}
