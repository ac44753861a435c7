using Portico.Cli.Run;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.Ops.Tests;

/// <summary>
/// One running gateway for every test of the collection (starting one per test would cost the time budget):
/// <code>
///  Gateway default/gw   listener grpc  ← GRPCRoute default/canary  rule "split": Echo/Unary → v1 (90) / v2 (10)
///  Gateway infra/edge   listener http  ← HTTPRoute apps/shop        GET /api + header → default/v1 (ReferenceGrant default/allow-apps)
/// </code>
/// 200 canary calls are made once at start, so every counter is already 180/20.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int CanaryCalls = 200;

    private readonly ManifestDirectory _dir = ManifestDirectory.Create();
    private TestBackend? _v1;
    private TestBackend? _v2;
    private GatewayHost? _host;

    public int GrpcPort { get; } = FreePorts.Next();

    public int HttpPort { get; } = FreePorts.Next();

    /// <summary><c>127.0.0.1:port</c> of the admin API, as a user passes it to <c>--admin-address</c>.</summary>
    public string Admin => Host.AdminUri.Authority;

    internal GatewayHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _v1 = await TestBackend.StartAsync("v1");
        _v2 = await TestBackend.StartAsync("v2");
        _dir.Write("all.yaml", new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", GrpcPort)])
            .Gateway("edge", [GatewayListener.Http("http", HttpPort) with { AllowedRoutesFrom = "All" }], ns: "infra")
            .Service("v1", [_v1], port: 9000)
            .Service("v2", [_v2], port: 9000)
            .GrpcRoute("canary", ["gw"], ["grpc.example.com"], [
                RouteRule.To(BackendRef.Weighted("v1", 9000, 90), BackendRef.Weighted("v2", 9000, 10))
                    .WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary")) with { Name = "split" },
            ])
            .HttpRoute("shop", [new ParentRef("edge") { Namespace = "infra" }], ["shop.example.com"], [
                RouteRule.To(new BackendRef("v1", 9000) { Namespace = "default" })
                    .WithMatches("path:\n  type: PathPrefix\n  value: /api\nmethod: GET\nheaders:\n- name: x-env\n  value: prod"),
            ], ns: "apps")
            .ReferenceGrant("allow-apps", [new GrantFrom("HTTPRoute", "apps")], [new GrantTo("Service")]));
        _host = await GatewayHost.StartAsync(new RunOptions
        {
            ConfigPaths = [_dir.Path],
            AdminAddress = "127.0.0.1:0",
            DefaultAddresses = ["127.0.0.1"],
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            GracePeriod = TimeSpan.Zero,
        });
        await CanaryTrafficAsync(CanaryCalls, CancellationToken.None);
    }

    /// <summary>Unary calls through the canary rule (the weighted picker gives exactly 9 of 10 to v1 per 10 calls).</summary>
    public async Task CanaryTrafficAsync(int calls, CancellationToken cancellationToken)
    {
        using var channel = GrpcClients.CreateChannel(GrpcPort, "grpc.example.com");
        var client = new Echo.EchoClient(channel);
        for (var i = 0; i < calls && !cancellationToken.IsCancellationRequested; i++)
        {
            await client.UnaryAsync(new EchoRequest { Message = "canary" }, cancellationToken: cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        foreach (var b in new[] { _v1, _v2 })
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }
        }

        _dir.Dispose();
    }
}
