using System.Security.Cryptography.X509Certificates;
using Portico.Cli;
using Portico.Demo.Tests.Support;

namespace Portico.Demo.Tests;

/// <summary><c>portico demo --prepare-only</c>: the local CA and the TLS Secrets the committed walkthrough leaves out.</summary>
public sealed class DemoPrepareTests
{
    [Fact]
    public async Task WithoutGeneratedFiles_CheckReportsTheMissingCertificates()
    {
        using var copy = WalkthroughCopy.Create();

        var result = await CliRunner.RunAsync("check", "--config", copy.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("InvalidCertificateRef  spec.listeners[0].tls.certificateRefs[0]: Secret infra/api-tls-cert not found", result.Out, StringComparison.Ordinal);
        Assert.Contains("Secret infra/wildcard-cert not found", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareOnly_WritesACaAndSecrets_ThatCheckAccepts()
    {
        using var copy = WalkthroughCopy.Create();

        var prepared = await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path);

        Assert.True(prepared.ExitCode == ExitCodes.Ok, prepared.ToString());
        Assert.Contains("created local CA", prepared.Out, StringComparison.Ordinal);
        var check = await CliRunner.RunAsync("check", "--config", copy.Path, "--strict");
        var failure = Assert.Single(check.Err.Split('\n'), l => l.StartsWith("strict: ", StringComparison.Ordinal));
        Assert.Contains("payment-mesh-route", failure, StringComparison.Ordinal); // only the GAMMA route, as before

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(copy.Generated, "ca.crt")));
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal("*\n", File.ReadAllLines(Path.Combine(copy.Generated, ".gitignore")).Last() + "\n");
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(Path.Combine(copy.Generated, "ca.crt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareOnly_ReusesFilesThatStillFit_AndReplacesBrokenOnes()
    {
        using var copy = WalkthroughCopy.Create();
        await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path);
        var secrets = Path.Combine(copy.Generated, "tls-secrets.yaml");
        var first = File.ReadAllText(secrets);

        var again = await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path);
        Assert.Contains("reusing local CA", again.Out, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllText(secrets));

        // A CA that did not issue them: new files.
        File.Delete(Path.Combine(copy.Generated, "ca.crt"));
        var renewed = await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path);
        Assert.Contains("created local CA", renewed.Out, StringComparison.Ordinal);
        Assert.NotEqual(first, File.ReadAllText(secrets));
    }

    [Fact]
    public async Task SecretsTheManifestsDefine_AreLeftAlone()
    {
        using var copy = WalkthroughCopy.Create();
        await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path);

        // Move the generated Secrets into the manifests, as a user bringing their own certificates would.
        File.Move(Path.Combine(copy.Generated, "tls-secrets.yaml"), Path.Combine(copy.Path, "23-own-secrets.yaml"));
        var result = await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(copy.Generated, "tls-secrets.yaml")));
        var check = await CliRunner.RunAsync("check", "--config", copy.Path);
        Assert.DoesNotContain("InvalidCertificateRef", check.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port-offset", "-1")]
    [InlineData("--admin-address", "0.0.0.0:9901")]
    public async Task BadOptions_AreUsageErrors(string option, string value)
    {
        using var copy = WalkthroughCopy.Create();

        var result = await CliRunner.RunAsync("demo", "--prepare-only", "--config", copy.Path, option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(option, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOffsetAboveTheRange_IsAUsageError()
    {
        using var copy = WalkthroughCopy.Create();

        var result = await CliRunner.RunAsync("demo", "--verify", "--config", copy.Path, "--port-offset", "65100");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("outside 0-65000", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOffsetPushingAListenerPast65535_IsRefusedBeforeAnythingStarts()
    {
        using var copy = WalkthroughCopy.Create();
        copy.Write("08-handson-grpc-gateway.yaml", copy.Read("08-handson-grpc-gateway.yaml").Replace("port: 443", "port: 8443", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("demo", "--verify", "--config", copy.Path, "--port-offset", "60000");

        Assert.Equal(Portico.Cli.Commands.DemoCommand.StartFailed, result.ExitCode);
        Assert.Contains("listener grpc-tls of Gateway infra/grpc-gateway (port 8443) would need port 68443, above 65535", result.Err, StringComparison.Ordinal);
    }
}
