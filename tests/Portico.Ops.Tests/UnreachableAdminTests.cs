using Portico.Testing;

namespace Portico.Ops.Tests;

public sealed class UnreachableAdminTests
{
    [Theory]
    [InlineData("get", "gateways")]
    [InlineData("describe", "gateway", "gw")]
    [InlineData("routes")]
    public void NothingListeningIsExitOneWithTheAddress(params string[] command)
    {
        var address = $"127.0.0.1:{FreePorts.Next()}"; // handed out once and never bound: nothing listens there

        var run = CliRun.Of([.. command, "--admin-address", address]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains($"portico {command[0]}: cannot reach the Portico admin API at {address}: connection refused", run.Error, StringComparison.Ordinal);
        Assert.Contains("--admin-address", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("127.0.0.1")]
    [InlineData("https://127.0.0.1:9901")]
    public void MalformedAddressIsAUsageError(string address)
    {
        var run = CliRun.Of(["get", "gateways", "--admin-address", address]);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("--admin-address", run.Error, StringComparison.Ordinal);
    }
}
