using Grpc.Health.V1;

namespace Portico.Testing.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_and_follows_settable_status()
    {
        await using var backend = await TestBackend.StartAsync("v1");
        using var channel = GrpcClients.CreateChannel(backend.Port);
        var health = new Health.HealthClient(channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(
            HealthCheckResponse.Types.ServingStatus.Serving,
            (await health.CheckAsync(new HealthCheckRequest { Service = "portico.test.Echo" })).Status);

        backend.SetHealth(HealthCheckResponse.Types.ServingStatus.NotServing);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(3, backend.HealthChecksReceived);
        Assert.Equal(0, backend.CallsReceived);
        Assert.Empty(backend.Requests);
    }
}
