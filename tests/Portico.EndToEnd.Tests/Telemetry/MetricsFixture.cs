using Portico.Testing;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>
/// One backend behind <c>portico.test.Echo</c> and <c>portico.test.Other</c> (two rules of one GRPCRoute), a
/// GRPCRoute whose only endpoint is not ready (the gateway answers UNAVAILABLE itself) and an HTTPRoute. Default
/// options: tracing off, access log off.
/// </summary>
public sealed class MetricsFixture : TelemetryFixture
{
    public const string EchoHost = "echo.example.com";
    public const string DownHost = "down.example.com";
    public const string WebHost = "web.example.com";
    public const string EchoRoute = "grpcroute/default/echo/rule/0";
    public const string OtherRoute = "grpcroute/default/echo/rule/1";
    public const string DownRoute = "grpcroute/default/down/rule/0";
    public const string WebRoute = "httproute/default/web/rule/0";

    public TestBackend Backend { get; private set; } = null!;

    public int UnreadyPort { get; } = FreePorts.Next();

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        Backend = (await StartBackendsAsync("ok"))[0];
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("ok", [Backend])
            .Service("unready", [new ServicePortSpec("grpc", 8080) { AppProtocol = AppProtocols.H2c }], [new EndpointTarget("127.0.0.1", UnreadyPort) { Ready = false }])
            .GrpcRoute("echo", ["gw"], [EchoHost], [
                RouteRule.To(new BackendRef("ok", 8080)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo")),
                RouteRule.To(new BackendRef("ok", 8080)).WithMatches(RouteMatch.GrpcMethod("portico.test.Other")),
            ])
            .GrpcRoute("down", ["gw"], [DownHost], [RouteRule.To(new BackendRef("unready", 8080))])
            .HttpRoute("web", ["gw"], [WebHost], [RouteRule.To(new BackendRef("ok", 8080))]);
    }
}
