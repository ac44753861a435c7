namespace Portico.Cli.Demo.Verify;

/// <summary>
/// The names the guide's steps use (examples/walkthrough): which Gateway and listener a call goes through, with which
/// <c>:authority</c>/SNI, and which instance should answer. <c>--verify</c> checks these; the printed commands use them.
/// </summary>
internal static class Walkthrough
{
    public const string ProductionGateway = "infra/production-gateway";
    public const string GrpcGateway = "infra/grpc-gateway";
    public const string HttpsListener = "grpc";
    public const string HttpListener = "http";
    public const string TlsListener = "grpc-tls";

    /// <summary>user-grpc-route (hands-on step 3) through grpc-gateway.</summary>
    public const string UserHost = "user.api.example.com";
    public const string UserReader = "user-service-reader";
    public const string UserWriter = "user-service-writer";

    /// <summary>production-gateway's routes have no hostnames (canary, A/B) or <c>api.example.com</c> (user-service-route).</summary>
    public const string ApiHost = "api.example.com";
    public const string UserService = "user-service";
    public const string UserWriteService = "user-write-service";

    public const string CanaryStable = "order-service-stable";
    public const string CanaryCanary = "order-service-canary";
    public const int CanaryCalls = 100;
    public const int CanaryStableShare = 90;
    public const int CanaryTolerance = 6;

    public const string ExperimentHeader = "x-experiment-group";
    public const string ExperimentTreatment = "treatment-a";
    public const string RecommendationV1 = "recommendation-v1";
    public const string RecommendationV2 = "recommendation-v2";

    /// <summary>inventory-route (added to the walkthrough): app → backend, allowed by the guide's ReferenceGrant.</summary>
    public const string InventoryHost = "inventory.api.example.com";
    public const string InventoryService = "inventory-service";
    public const string InventoryRoute = "app/inventory-route";
    public const string ReferenceGrant = "backend/allow-app-to-backend";

    public const string PaymentMeshRoute = "app/payment-mesh-route";
    public const string PaymentService = "payment-service";
    public const string PriorityHeader = "x-request-priority";

    public const string RequestIdHeader = "x-request-id";
    public const string RequestId = "test-001";

    /// <summary>The routes that attach to a Gateway and must be Accepted with resolved references.</summary>
    public static IReadOnlyList<string> GatewayRoutes { get; } =
        ["app/user-service-route", "app/ab-test-route", "app/canary-route", "app/user-grpc-route", InventoryRoute];

    /// <summary>Listeners and the routes attached to each in the walkthrough.</summary>
    public static IReadOnlyList<(string Gateway, string Listener, int AttachedRoutes)> Listeners { get; } =
    [
        (ProductionGateway, HttpsListener, 3),
        (ProductionGateway, HttpListener, 2),
        (GrpcGateway, TlsListener, 2),
    ];
}
