using Portico.EndToEnd.Tests.Lifecycle.Support;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary><c>portico run --grpc-forwarder direct|yarp|h2</c> and the upstream tuning options as the real command parses them (the paths themselves: ForwardingPathTests).</summary>
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
    [InlineData("--stream-idle-timeout", "0.5")]
    [InlineData("--stream-idle-timeout", "90000")]
    [InlineData("--upstream-streams-per-connection", "-1")]
    [InlineData("--upstream-streams-per-connection", "2000000")]
    public async Task AValueOutsideItsRangeIsRefusedNamingTheOption(string option, string value)
    {
        var (exitCode, stdout, stderr) = await PorticoProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--config", ".", option, value);
        output.WriteLine(stdout + "\n" + stderr);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{option} {value}", stderr, StringComparison.Ordinal);
    }
}
