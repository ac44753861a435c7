using System.Net;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Grpc.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Portico.Samples.Protos.Inventory.V1;
using Portico.Samples.Protos.Order.V1;
using Portico.Samples.Protos.Payment.V1;
using Portico.Samples.Protos.Recommendation.V1;
using Portico.Samples.Protos.User.V1;
using Portico.Samples.Services;

namespace Portico.Samples;

/// <summary>
/// One sample instance: a Kestrel server speaking gRPC over cleartext HTTP/2 (h2c) on a loopback address, serving
/// every sample service (<see cref="Services"/>), <c>grpc.health.v1.Health</c> (all SERVING) and server reflection,
/// so <c>grpcurl -plaintext 127.0.0.1:PORT list</c> works against it directly. Every reply names the instance
/// (<c>server_version</c>) and echoes the request metadata. Logs nothing.
/// <code>
/// await using var server = await SampleServer.StartAsync("order-service-canary", IPAddress.Loopback, 50066);
/// </code>
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    /// <summary>The gRPC services each instance serves, besides health and reflection.</summary>
    public static IReadOnlyList<string> Services { get; } =
    [
        "user.v1.UserService",
        "recommendation.v1.RecommendationService",
        "order.v1.OrderService",
        "payment.v1.PaymentService",
        "inventory.v1.InventoryService",
    ];

    // What server reflection describes: every service an instance maps, reflection included (grpcurl `list` shows
    // them all). Named here rather than discovered from the mapped endpoints, which takes runtime reflection.
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor[] Reflected =
    [
        UserService.Descriptor,
        RecommendationService.Descriptor,
        OrderService.Descriptor,
        PaymentService.Descriptor,
        InventoryService.Descriptor,
        Health.Descriptor,
        Grpc.Reflection.V1.ServerReflection.Descriptor,
        Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    private readonly WebApplication _app;
    private readonly SampleInstance _instance;
    private int _stopped;

    private SampleServer(WebApplication app, SampleInstance instance, IPAddress address, int port)
    {
        _app = app;
        _instance = instance;
        Address = address;
        Port = port;
    }

    /// <summary>The instance's name, as replies carry it in <c>server_version</c>.</summary>
    public string Name => _instance.Name;

    public IPAddress Address { get; }

    /// <summary>The bound port (the one asked for, or the one picked when 0 was asked for).</summary>
    public int Port { get; }

    public IPEndPoint EndPoint => new(Address, Port);

    /// <summary>Calls answered by the sample services (health and reflection not counted).</summary>
    public long CallsReceived => _instance.Calls;

    /// <summary>Starts an instance and returns once it accepts connections.</summary>
    /// <param name="name">Put in every reply's <c>server_version</c>, e.g. <c>order-service-canary</c>.</param>
    /// <param name="address">A loopback address (127.0.0.0/8 or ::1): the samples are unauthenticated.</param>
    /// <param name="port">0-65535; 0 picks a free port.</param>
    /// <exception cref="IOException">The address or port cannot be bound (in use, or not a local address).</exception>
    public static async Task<SampleServer> StartAsync(string name, IPAddress address, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"{address} is not a loopback address; sample servers only listen on loopback", nameof(address));
        }

        var instance = new SampleInstance(name);
        var app = Build(instance, address, port);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleServer(app, instance, address, new Uri(bound).Port);
    }

    /// <summary>Stops accepting and ends open calls (they are all short).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"{Name} ({Address}:{Port})";

    private static WebApplication Build(SampleInstance instance, IPAddress address, int port)
    {
        // The empty builder reads no configuration or environment (ASPNETCORE_URLS, appsettings) and adds no logging
        // provider: an instance is quiet and listens exactly where it is told.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Portico.Samples" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddLogging();
        builder.Services.AddRouting();
        builder.Services.AddSingleton(instance);
        builder.Services.AddSingleton(CreateHealth());
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new ReflectionServiceImpl(Reflected));
        builder.Services.AddSingleton(new ReflectionV1ServiceImpl(Reflected));

        var app = builder.Build();
        app.MapGrpcService<UserSampleService>();
        app.MapGrpcService<RecommendationSampleService>();
        app.MapGrpcService<OrderSampleService>();
        app.MapGrpcService<PaymentSampleService>();
        app.MapGrpcService<InventorySampleService>();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcService<ReflectionV1ServiceImpl>();
        app.MapGrpcService<ReflectionServiceImpl>();
        return app;
    }

    private static HealthServiceImpl CreateHealth()
    {
        var health = new HealthServiceImpl();
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        foreach (var service in Services)
        {
            health.SetStatus(service, HealthCheckResponse.Types.ServingStatus.Serving);
        }

        return health;
    }
}
