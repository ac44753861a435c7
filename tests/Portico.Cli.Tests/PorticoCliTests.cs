using System.Reflection;
using Portico.Cli.Tests.Support;

namespace Portico.Cli.Tests;

public sealed class PorticoCliTests
{
    [Fact]
    public void Help_ListsTheCommandsOnStdoutAndExitsZero()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("portico", result.Out, StringComparison.Ordinal);
        Assert.Contains("check", result.Out, StringComparison.Ordinal);
        Assert.Contains("translate", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Err);
    }

    [Fact]
    public void CheckHelp_DocumentsEveryOptionWithItsDefault()
    {
        var result = CliRunner.Run("check", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var expected in new[] { "-c, --config", "-o, --output", "--strict", "--default-address", "--controller-name",
            "[default: table]", "[default: 0.0.0.0]", "[default: portico.dev/gateway-controller]" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_PrintsThePorticoAssemblyVersion()
    {
        var assembly = typeof(PorticoCli).Assembly;
        var expected = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Out.Trim());
        Assert.StartsWith(assembly.GetName().Version!.ToString(3), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCommand_IsAUsageError()
    {
        var result = CliRunner.Run();

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("portico --help", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConfig_IsAUsageError()
    {
        var result = CliRunner.Run("check");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--config", result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("check", "xml")]
    [InlineData("check", "JSONX")]
    [InlineData("translate", "table")]
    public void BadOutputValue_IsAUsageErrorNamingTheValue(string command, string value)
    {
        var result = CliRunner.Run(command, "--config", "unused.yaml", "--output", value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(value, result.Err, StringComparison.Ordinal);
        Assert.Contains($"portico {command} --help", result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("256.0.0.1")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("localhost")]
    [InlineData("")]
    public void BadDefaultAddress_IsAUsageError(string value)
    {
        var result = CliRunner.Run("check", "-c", "unused.yaml", "--default-address", value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--default-address", result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("portico")]
    [InlineData("Example.com/x")]
    [InlineData("example.com/")]
    public void BadControllerName_IsAUsageError(string value)
    {
        var result = CliRunner.Run("translate", "-c", "unused.yaml", "--controller-name", value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--controller-name", result.Err, StringComparison.Ordinal);
    }
}
