using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grpc.Core;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary><c>portico run</c> as a real process: SIGTERM drains in-flight calls, refuses new ones and exits 0.</summary>
public sealed class ProcessShutdownTests(ITestOutputHelper output)
{
    private const int GraceSeconds = 10;

    [Fact]
    public async Task SigtermDrainsTheCallInFlightRefusesNewConnectionsAndExitsZero()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var (port, adminPort) = (FreePorts.Next(), FreePorts.Next());
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", LocalGateway.OneRoute(port, v1));
        using var portico = PorticoProcess.Start("run", "--config", dir.Path, "--admin-address", $"127.0.0.1:{adminPort}",
            "--default-address", "127.0.0.1", "--grace-period", GraceSeconds.ToString(CultureInfo.InvariantCulture));
        try
        {
            await WaitUntilReadyAsync(portico, adminPort);
            // Printed once StartAsync returns, which may be just after /readyz turned 200.
            await Eventually.SucceedsAsync(() =>
            {
                Assert.Contains($"portico: serving 1 listener(s); admin API on http://127.0.0.1:{adminPort}", portico.StandardOutput, StringComparison.Ordinal);
                return Task.CompletedTask;
            }, TimeSpan.FromSeconds(5));

            using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
            var client = new Echo.EchoClient(channel);
            Assert.Equal("v1", (await client.UnaryAsync(new EchoRequest())).Server);
            var inFlight = client.UnaryAsync(new EchoRequest { Message = "slow", SleepMs = 3000 }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;
            await v1.WaitUntilAsync(b => b.ActiveCalls == 1, TimeSpan.FromSeconds(5));

            // :: SIGTERM
            var sinceSignal = Stopwatch.StartNew();
            await portico.SignalAsync("TERM");
            await Eventually.SucceedsAsync(async () => Assert.False(await Sockets.AcceptsAsync(port, TimeSpan.FromMilliseconds(250))),
                TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));
            var refusedAfter = sinceSignal.Elapsed;
            Assert.False(inFlight.IsCompleted, "the slow call finished before the gateway stopped accepting: nothing was tested");

            var reply = await inFlight.WaitAsync(TimeSpan.FromSeconds(GraceSeconds));
            Assert.Equal("v1", reply.Server);
            var drainedAfter = sinceSignal.Elapsed;

            await portico.WaitForExitAsync(TimeSpan.FromSeconds(GraceSeconds) - sinceSignal.Elapsed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"after SIGTERM: refusing connections at {refusedAfter.TotalMilliseconds:F0} ms, in-flight call done at {drainedAfter.TotalMilliseconds:F0} ms, exited at {sinceSignal.Elapsed.TotalMilliseconds:F0} ms"));
            Assert.Equal(0, portico.ExitCode);
            Assert.Contains($"portico: shutting down; in-flight calls have {GraceSeconds} s to finish", portico.StandardOutput, StringComparison.Ordinal);
            Assert.EndsWith("portico: stopped", portico.StandardOutput.TrimEnd(), StringComparison.Ordinal);

            using var fresh = GrpcClients.CreateChannel(port, "grpc.example.com");
            Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(fresh).UnaryAsync(new EchoRequest()).ResponseAsync)).StatusCode);
        }
        finally
        {
            output.WriteLine("stdout:\n" + portico.StandardOutput);
            output.WriteLine("stderr:\n" + portico.StandardError);
        }
    }

    [Fact]
    public async Task SigintAfterTheGracePeriodAbortsWhatIsLeftCancelsItUpstreamAndExitsZero()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        var (port, adminPort) = (FreePorts.Next(), FreePorts.Next());
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", LocalGateway.OneRoute(port, v1));
        using var portico = PorticoProcess.Start("run", "--config", dir.Path, "--admin-address", $"127.0.0.1:{adminPort}",
            "--default-address", "127.0.0.1", "--grace-period", "1");
        try
        {
            await WaitUntilReadyAsync(portico, adminPort);
            using var channel = GrpcClients.CreateChannel(port, "grpc.example.com");
            var client = new Echo.EchoClient(channel);
            var tooSlow = client.UnaryAsync(new EchoRequest { Message = "slow", SleepMs = 20_000 }).ResponseAsync;
            await v1.WaitUntilAsync(b => b.ActiveCalls == 1, TimeSpan.FromSeconds(5));

            var sinceSignal = Stopwatch.StartNew();
            await portico.SignalAsync("INT");
            Assert.NotEqual(StatusCode.OK, (await Assert.ThrowsAsync<RpcException>(() => tooSlow.WaitAsync(TimeSpan.FromSeconds(10)))).StatusCode);
            await portico.WaitForExitAsync(TimeSpan.FromSeconds(10));
            output.WriteLine($"exited {sinceSignal.ElapsedMilliseconds} ms after SIGINT (grace 1 s)");
            Assert.Equal(0, portico.ExitCode);
            Assert.InRange(sinceSignal.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
            await v1.WaitUntilAsync(b => b.ActiveCalls == 0 && b.CancellationsObserved == 1, TimeSpan.FromSeconds(5));
        }
        finally
        {
            output.WriteLine("stdout:\n" + portico.StandardOutput + "\nstderr:\n" + portico.StandardError);
        }
    }

    [Fact]
    public async Task SigtermBeforeTheFirstConfigurationIsAppliedExitsZero()
    {
        var adminPort = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", new Manifests().GatewayClass());

        // A FIFO holds the first read (like a very slow file system) until something writes to it: start-up stops
        // right before the first configuration is applied, with the admin API already up.
        var fifo = dir.PathOf("held.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var portico = PorticoProcess.Start("run", "--config", dir.Path, "--admin-address", $"127.0.0.1:{adminPort}", "--default-address", "127.0.0.1");
        try
        {
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.SucceedsAsync(async () =>
            {
                Assert.False(portico.HasExited, "portico exited during start-up");
                using var health = await admin.GetAsync(new Uri("/healthz", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            using (var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            await portico.SignalAsync("TERM");
            await Task.Run(() => File.WriteAllText(fifo, "")).WaitAsync(TimeSpan.FromSeconds(10)); // lets the held read finish
            await portico.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, portico.ExitCode);
            Assert.Equal("", portico.StandardError);
            Assert.EndsWith("portico: stopped before the first configuration was applied", portico.StandardOutput.TrimEnd(), StringComparison.Ordinal);
            Assert.False(await Sockets.AcceptsAsync(adminPort), "the admin API still listens");
        }
        finally
        {
            output.WriteLine("stdout:\n" + portico.StandardOutput + "\nstderr:\n" + portico.StandardError);
        }
    }

    private static async Task WaitUntilReadyAsync(PorticoProcess portico, int adminPort)
    {
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.SucceedsAsync(async () =>
        {
            Assert.False(portico.HasExited, "portico exited during start-up");
            using var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task RunHelpListsTheOptions()
    {
        var (exitCode, stdout, stderr) = await PorticoProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--help");
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        foreach (var option in new[] { "--config", "--default-address", "--controller-name", "--admin-address", "--grace-period", "--lb-policy", "--log-level" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }
}
