using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>One gRPC backend behind every Echo method, plus a backend that never answers (deadline tests).</summary>
public sealed class CallTypesFixture : GatewayFixture
{
    public const string Host = "calls.example.com";
    public const string StallHost = "stall.example.com";

    public TestBackend Backend { get; private set; } = null!;

    public StallingBackend Stall { get; private set; } = null!;

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        Backend = (await StartBackendsAsync("calls"))[0];
        Stall = Own(await StallingBackend.StartAsync());
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", Port)])
            .Service("calls", [Backend], port: 9000)
            .Service("stall", [new ServicePortSpec("grpc", 9000) { AppProtocol = AppProtocols.H2c }], [new EndpointTarget("127.0.0.1", Stall.Port)])
            .GrpcRoute("calls", ["gw"], [Host], [
                RouteRule.To(new BackendRef("calls", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo")),
            ])
            .GrpcRoute("stall", ["gw"], [StallHost], [RouteRule.To(new BackendRef("stall", 9000))]);
    }
}
