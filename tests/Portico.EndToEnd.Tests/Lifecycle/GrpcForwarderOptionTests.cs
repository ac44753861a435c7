using Portico.EndToEnd.Tests.Lifecycle.Support;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary><c>portico run --grpc-forwarder direct|yarp|h2</c> as the real command parses it (the paths themselves: ForwardingPathTests).</summary>
public sealed class GrpcForwarderOptionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunHelpDescribesTheOptionAndItsValues()
    {
        var (exitCode, stdout, stderr) = await PorticoProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--help");
        output.WriteLine(stdout);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        var line = Assert.Single(stdout.Split('\n'), l => l.Contains("--grpc-forwarder", StringComparison.Ordinal));
        Assert.Contains("direct", line, StringComparison.Ordinal);
        Assert.Contains("yarp", line, StringComparison.Ordinal);
        Assert.Contains("h2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownValueIsRefusedNamingTheAllowedOnes()
    {
        var (exitCode, stdout, stderr) = await PorticoProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--config", ".", "--grpc-forwarder", "nginx");
        output.WriteLine(stdout + "\n" + stderr);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("nginx", stderr, StringComparison.Ordinal);
        Assert.Contains("yarp", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("90000")]
    public async Task AStreamIdleTimeoutOutsideItsRangeIsRefusedNamingTheOption(string seconds)
    {
        var (exitCode, stdout, stderr) = await PorticoProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--config", ".", "--stream-idle-timeout", seconds);
        output.WriteLine(stdout + "\n" + stderr);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"--stream-idle-timeout {seconds}", stderr, StringComparison.Ordinal);
    }
}
