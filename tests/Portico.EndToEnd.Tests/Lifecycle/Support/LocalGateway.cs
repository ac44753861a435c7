using Portico.Cli.Run;
using Portico.Testing;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle.Support;

/// <summary>
/// The in-process gateway the lifecycle tests start: reads <paramref name="dir"/>, binds listeners without an address on
/// 127.0.0.1, an admin API on a free loopback port, logs to the test output.
/// </summary>
internal static class LocalGateway
{
    public static Task<GatewayHost> StartAsync(ManifestDirectory dir, ITestOutputHelper output) => GatewayHost.StartAsync(
        new RunOptions { ConfigPaths = [dir.Path], AdminAddress = "127.0.0.1:0", DefaultAddresses = ["127.0.0.1"] },
        new TestOutputLoggerProvider(output));

    /// <summary>A GatewayClass, Gateway <c>gw</c> with an HTTP listener <c>grpc</c> on <paramref name="port"/>, and Services <c>one</c> → v1, <c>two</c> → v2 on port 9000.</summary>
    public static Manifests TwoServices(int port, TestBackend v1, TestBackend v2) => new Manifests()
        .GatewayClass()
        .Gateway("gw", [GatewayListener.Http("grpc", port)])
        .Service("one", [v1], port: 9000)
        .Service("two", [v2], port: 9000);

    /// <summary>A GatewayClass, Gateway <c>gw</c> with an HTTP listener <c>grpc</c> on <paramref name="port"/>, and Service <c>one</c> → <paramref name="v1"/> on port 9000.</summary>
    public static Manifests OneService(int port, TestBackend v1) => new Manifests()
        .GatewayClass()
        .Gateway("gw", [GatewayListener.Http("grpc", port)])
        .Service("one", [v1], port: 9000);

    /// <summary><see cref="OneService"/> and GRPCRoute <c>r</c> sending every call for grpc.example.com to <c>one</c>.</summary>
    public static Manifests OneRoute(int port, TestBackend v1) => OneService(port, v1)
        .GrpcRoute("r", ["gw"], ["grpc.example.com"], [RouteRule.To(new BackendRef("one", 9000))]);
}
