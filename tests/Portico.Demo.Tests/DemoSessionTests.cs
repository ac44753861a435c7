using Portico.Cli.Demo;
using Portico.Cli.Demo.Verify;
using Portico.Demo.Tests.Support;
using Portico.Samples.Protos.User.V1;

namespace Portico.Demo.Tests;

/// <summary>
/// The interactive demo's parts (the command itself waits for Ctrl-C): the session on the user's files with shifted
/// Gateway copies, and the printed commands, which must name the addresses and ports that really answer.
/// </summary>
[Collection(DemoPorts.Name)]
public sealed class DemoSessionTests
{
    // The walkthrough's recommendation-v1 port (50063), as the test copies move it.
    private const int RecommendationV1Port = 50063 + WalkthroughCopy.SamplePortShift;

    [Fact]
    public async Task Session_ServesTheGuidesGetUser_OnTheShiftedPort_AndPrintsCommandsForIt()
    {
        using var copy = WalkthroughCopy.Create();
        var plan = DemoPlan.Prepare(new DemoOptions { ConfigPaths = [copy.Path], PortOffset = DemoPorts.Offset, AdminAddress = "127.0.0.1:0" }, TimeProvider.System);

        await using var session = await DemoSession.StartAsync(plan, copyAll: false, CancellationToken.None);

        Assert.Empty(session.UnprogrammedGateways());
        var tls = Assert.Single(session.Listeners, l => l.Listener == Walkthrough.TlsListener);
        Assert.Equal("127.0.0.2:10443", tls.EndPoint.ToString());
        using var channel = DemoChannels.Create(tls, Walkthrough.UserHost, session.Trusted);
        var reply = await new UserService.UserServiceClient(channel).GetUserAsync(new GetUserRequest { UserId = "123" });
        Assert.Equal(Walkthrough.UserReader, reply.ServerVersion);

        // Only the Gateway files are copied; the others are read where they are.
        Assert.Contains(session.Run.ConfigPaths, p => p.StartsWith(copy.Path, StringComparison.Ordinal) && p.EndsWith("03-user-route.yaml", StringComparison.Ordinal));
        Assert.Contains(session.Run.ConfigPaths, p => p.StartsWith(session.Run.DirectoryPath!, StringComparison.Ordinal) && p.EndsWith("02-gateway.yaml", StringComparison.Ordinal));
        Assert.Contains("port: 443", copy.Read("02-gateway.yaml"), StringComparison.Ordinal);

        using var output = new StringWriter();
        DemoInstructions.Write(session, output);
        var text = output.ToString();
        Assert.Contains("-servername user.api.example.com -authority user.api.example.com", text, StringComparison.Ordinal);
        Assert.Contains("-d '{\"user_id\": \"123\"}' -H \"x-request-id: test-001\" 127.0.0.2:10443 user.v1.UserService/GetUser", text, StringComparison.Ordinal);
        Assert.Contains("-cacert " + DemoWorkspace.Display(Path.Combine(copy.Generated, "ca.crt")), text, StringComparison.Ordinal);
        Assert.Contains("grep server_version; done | sort | uniq -c", text, StringComparison.Ordinal);
        Assert.Contains("GrpcChannel.ForAddress(\"https://user.api.example.com:10443\"", text, StringComparison.Ordinal);
        Assert.Contains("grpcurl -plaintext 127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains($"portico describe grpcroute user-grpc-route -n app --admin-address 127.0.0.1:{session.Gateway.AdminUri.Port}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_WithoutAnOffset_ReadsTheUsersFilesDirectly()
    {
        using var copy = WalkthroughCopy.Create();
        var plan = DemoPlan.Prepare(new DemoOptions { ConfigPaths = [copy.Path] }, TimeProvider.System);

        using var run = RunDirectory.Create(plan.Workspace, plan.Manifests, portOffset: 0, copyAll: false);

        Assert.Null(run.DirectoryPath);
        Assert.Equal([copy.Path], run.ConfigPaths);
    }

    [Fact]
    public async Task ASamplePortInUse_StopsTheStartWithAMessage()
    {
        using var copy = WalkthroughCopy.Create();
        var plan = DemoPlan.Prepare(new DemoOptions { ConfigPaths = [copy.Path], PortOffset = DemoPorts.Offset, AdminAddress = "127.0.0.1:0" }, TimeProvider.System);
        await using var squatter = await Portico.Samples.SampleServer.StartAsync("squatter", System.Net.IPAddress.Loopback, RecommendationV1Port);

        var e = await Assert.ThrowsAsync<DemoStartException>(() => DemoSession.StartAsync(plan, copyAll: false, CancellationToken.None));

        Assert.Contains($"app/recommendation-v1 on 127.0.0.1:{RecommendationV1Port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASamplePortHeldForAMoment_IsWaitedFor()
    {
        using var copy = WalkthroughCopy.Create();
        var plan = DemoPlan.Prepare(new DemoOptions { ConfigPaths = [copy.Path], PortOffset = DemoPorts.Offset, AdminAddress = "127.0.0.1:0" }, TimeProvider.System);
        var squatter = await Portico.Samples.SampleServer.StartAsync("squatter", System.Net.IPAddress.Loopback, RecommendationV1Port);
        var release = Task.Delay(400).ContinueWith(_ => squatter.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();

        await using var session = await DemoSession.StartAsync(plan, copyAll: false, CancellationToken.None);
        await release;

        Assert.Contains(session.Samples.Servers, s => s.Name == Walkthrough.RecommendationV1 && s.Port == RecommendationV1Port);
    }
}
