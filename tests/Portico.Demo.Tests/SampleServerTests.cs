using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Portico.Samples;
using Portico.Samples.Protos.Inventory.V1;
using Portico.Samples.Protos.Order.V1;
using Portico.Samples.Protos.Payment.V1;
using Portico.Samples.Protos.Recommendation.V1;
using Portico.Samples.Protos.User.V1;
using V1Reflection = Grpc.Reflection.V1;

namespace Portico.Demo.Tests;

/// <summary>Each sample instance on its own, as grpcurl would use it: h2c, every service, health and reflection.</summary>
public sealed class SampleServerTests
{
    private static readonly Metadata RequestId = new() { { "x-request-id", "test-001" } };

    [Fact]
    public async Task EveryServiceAnswers_WithTheInstanceNameAndTheRequestMetadata()
    {
        await using var server = await SampleServer.StartAsync("order-service-canary", IPAddress.Loopback, 0);
        using var channel = Open(server);

        var user = await new UserService.UserServiceClient(channel).GetUserAsync(new GetUserRequest { UserId = "123" }, RequestId);
        Assert.Equal("123", user.User.UserId);
        Assert.Equal("order-service-canary", user.ServerVersion);
        Assert.Equal("test-001", user.Metadata["x-request-id"]);

        var users = new UserService.UserServiceClient(channel);
        Assert.Equal(3, (await users.ListUsersAsync(new ListUsersRequest())).Users.Count);
        Assert.Equal("Kim", (await users.CreateUserAsync(new CreateUserRequest { Name = "Kim" })).User.Name);
        Assert.Equal("Lee", (await users.UpdateUserAsync(new UpdateUserRequest { UserId = "7", Name = "Lee" })).User.Name);
        Assert.True((await users.DeleteUserAsync(new DeleteUserRequest { UserId = "7" })).Deleted);

        var recommendations = await new RecommendationService.RecommendationServiceClient(channel)
            .GetRecommendationsAsync(new GetRecommendationsRequest { UserId = "123", Limit = 2 }, new Metadata { { "x-experiment-group", "treatment-a" } });
        Assert.Equal(2, recommendations.Items.Count);
        Assert.Equal("treatment-a", recommendations.Metadata["x-experiment-group"]);

        var order = await new OrderService.OrderServiceClient(channel).GetOrderAsync(new GetOrderRequest { OrderId = "1001" });
        Assert.Equal("1001", order.Order.OrderId);
        Assert.Equal("order-service-canary", order.ServerVersion);

        var payment = await new PaymentService.PaymentServiceClient(channel).ProcessPaymentAsync(new ProcessPaymentRequest { OrderId = "1001", AmountCents = 100 });
        Assert.Equal("APPROVED", payment.State);

        var stock = await new InventoryService.InventoryServiceClient(channel).GetStockAsync(new GetStockRequest { Sku = "sku-1" });
        Assert.Equal("order-service-canary", stock.ServerVersion);

        Assert.Equal(9, server.CallsReceived);
    }

    [Fact]
    public async Task BadArguments_AreInvalidArgument()
    {
        await using var server = await SampleServer.StartAsync("user-service", IPAddress.Loopback, 0);
        using var channel = Open(server);

        var e = await Assert.ThrowsAsync<RpcException>(() => new UserService.UserServiceClient(channel).GetUserAsync(new GetUserRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task HealthIsServing_ForTheServerAndEachService()
    {
        await using var server = await SampleServer.StartAsync("user-service-reader", IPAddress.Loopback, 0);
        using var channel = Open(server);
        var health = new Health.HealthClient(channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        foreach (var service in SampleServer.Services)
        {
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status);
        }
    }

    [Fact]
    public async Task Reflection_ListsEverySampleService_AndDescribesTheirFiles()
    {
        await using var server = await SampleServer.StartAsync("recommendation-v1", IPAddress.Loopback, 0);
        using var channel = Open(server);

        // grpcurl's `list`: grpc.reflection.v1 first (it falls back to v1alpha on older servers).
        using var call = new V1Reflection.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1Reflection.ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.WriteAsync(new V1Reflection.ServerReflectionRequest { FileContainingSymbol = "user.v1.UserService" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.All(SampleServer.Services, s => Assert.Contains(s, services));
        Assert.Contains("grpc.health.v1.Health", services);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("user/v1/user.proto", file.Name); // what grpcurl's -proto names when calling through the gateway
    }

    [Fact]
    public void Json_KeepsTheServerVersionKey_SoTheGuidesGrepCounts()
    {
        // grpcurl prints JSON field names (camelCase) by default; json_name keeps "server_version" for `grep server_version`.
        var json = JsonFormatter.Default.Format(new OrderReply { ServerVersion = "order-service-canary" });

        Assert.Contains("\"server_version\": \"order-service-canary\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonLoopbackAddresses_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SampleServer.StartAsync("x", IPAddress.Any, 0));
    }

    [Fact]
    public async Task APortInUse_FailsTheStart()
    {
        await using var first = await SampleServer.StartAsync("first", IPAddress.Loopback, 0);

        await Assert.ThrowsAnyAsync<IOException>(() => SampleServer.StartAsync("second", IPAddress.Loopback, first.Port));
    }

    private static GrpcChannel Open(SampleServer server) => GrpcChannel.ForAddress($"http://{server.Address}:{server.Port}");
}
