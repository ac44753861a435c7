using Portico.EndToEnd.Tests.Lifecycle.Support;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary><c>portico run --config PATH</c> with a path that does not exist: refused at once, naming the path.</summary>
public sealed class RunConfigPathTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AMissingConfigPathIsRefusedNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "portico-no-such-config-" + Guid.NewGuid().ToString("N"));
        var (exitCode, stdout, stderr) = await PorticoProcess.RunAsync(TimeSpan.FromSeconds(30), "run", "--config", ".", "--config", missing);
        output.WriteLine(stdout + "\n" + stderr);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"--config \"{missing}\": no such file or directory", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("serving", stdout, StringComparison.Ordinal);
    }
}
