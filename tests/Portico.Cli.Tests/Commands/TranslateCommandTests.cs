using System.Text.Json.Nodes;
using Portico.Cli.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Portico.Cli.Tests.Commands;

public sealed class TranslateCommandTests : IDisposable
{
    private readonly TempManifests _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Yaml_IsTheGoldenDocumentWithStatusAndIr()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var result = CliRunner.Run("translate", "--config", file);

        Assert.Equal(0, result.ExitCode);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Out));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal(["status", "ir"], root.Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Json_HasStatusItemsAndTheRouteTable()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var result = CliRunner.Run("translate", "-c", file, "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        Assert.Contains(document["status"]!["items"]!.AsArray(), i => (string?)i!["kind"] == "GRPCRoute");
        var listener = Assert.Single(document["ir"]!["listeners"]!.AsArray());
        Assert.Equal(8080, (int?)listener!["port"]);
        Assert.Contains(document["ir"]!["backends"]!.AsArray(), b => b!["endpoints"]![0]!["address"]!.GetValue<string>() == "127.0.0.1");
    }

    [Fact]
    public void DefaultAddress_IsWhereGatewaysWithoutAddressesListen()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var byDefault = JsonNode.Parse(CliRunner.Run("translate", "-c", file, "-o", "json").Out)!;
        var loopback = JsonNode.Parse(CliRunner.Run("translate", "-c", file, "-o", "json", "--default-address", "127.0.0.1").Out)!;

        Assert.Equal(["0.0.0.0"], byDefault["ir"]!["listeners"]![0]!["addresses"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(["127.0.0.1"], loopback["ir"]!["listeners"]![0]!["addresses"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void DefaultAddress_RepeatedIsNormalizedAndDeduplicated()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var result = CliRunner.Run("translate", "-c", file, "-o", "json", "--default-address", "127.0.0.1", "--default-address", "::0", "--default-address", "::");

        Assert.Equal(0, result.ExitCode);
        var listener = JsonNode.Parse(result.Out)!["ir"]!["listeners"]![0]!;
        Assert.Equal(["127.0.0.1", "::"], listener["addresses"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void MalformedManifest_ExitsOne()
    {
        _dir.Add("bad.yaml", Manifests.Malformed);

        var result = CliRunner.Run("translate", "-c", _dir.Path);

        Assert.Equal(ExitCodes.ManifestError, result.ExitCode);
        Assert.Contains("bad.yaml", result.Err, StringComparison.Ordinal);
    }
}
