using System.Text.RegularExpressions;
using Portico.Cli.Tests.Support;
using Portico.Files.Reading;
using Portico.Model.Serialization;
using Portico.Model.Snapshot;
using Portico.Translation;
using Portico.Translation.Output;
using YamlDotNet.RepresentationModel;

namespace Portico.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private readonly TempManifests _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Table_ValidManifests_ShowsEachObjectAcceptedAndExitsZero()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var result = CliRunner.Run("check", "--config", file);

        Assert.Equal(0, result.ExitCode);
        var blocks = result.Out.Split("\n\n");
        var gatewayClass = Assert.Single(blocks, b => b.StartsWith("GatewayClass portico\n", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"^  Accepted +True +Accepted\b", RegexOptions.Multiline), gatewayClass);
        var gateway = Assert.Single(blocks, b => b.StartsWith("Gateway demo/gw\n", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"^  Accepted +True\b", RegexOptions.Multiline), gateway);
        Assert.Matches(new Regex(@"^  Programmed +True\b", RegexOptions.Multiline), gateway);
        Assert.Matches(new Regex(@"^  listener http: attachedRoutes 1, supportedKinds .*GRPCRoute", RegexOptions.Multiline), gateway);
        var route = Assert.Single(blocks, b => b.StartsWith("GRPCRoute demo/echo\n", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"^  parent Gateway demo/gw \(controller portico\.dev/gateway-controller\)$", RegexOptions.Multiline), route);
        Assert.Matches(new Regex(@"^    Accepted +True\b", RegexOptions.Multiline), route);
        Assert.Matches(new Regex(@"^    ResolvedRefs +True\b", RegexOptions.Multiline), route);
    }

    [Fact]
    public void Json_IsExactlyTheStatusDocument()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var result = CliRunner.Run("check", "-c", file, "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var items = StatusJson.Items(result.Out);
        var gateway = StatusJson.Item(items, "Gateway", "gw");
        Assert.Equal("gateway.networking.k8s.io/v1", (string?)gateway["apiVersion"]);
        Assert.Equal("demo", (string?)gateway["metadata"]!["namespace"]);
        Assert.Equal(1, (long?)gateway["metadata"]!["generation"]);
        Assert.Equal("True", StatusJson.Condition(gateway["status"]!["conditions"], "Accepted"));
        var route = StatusJson.Item(items, "GRPCRoute", "echo");
        Assert.Equal("True", StatusJson.Condition(route["status"]!["parents"]![0]!["conditions"], "Accepted"));

        // The same document the library builds (and the admin API will serve), not a CLI-specific shape.
        var read = new ManifestReader(TimeProvider.System).Read([file]);
        var expected = TranslationDocument.StatusToJson(Translator.Translate(new ResourceSnapshot(read.Objects.Select(o => o.Object))).Status);
        Assert.Equal(expected.ToJsonString(ModelJson.Indented) + "\n", result.Out);
    }

    [Fact]
    public void Yaml_ParsesToTheSameItemsAsJson()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var yaml = CliRunner.Run("check", "-c", file, "-o", "yaml");
        var json = CliRunner.Run("check", "-c", file, "-o", "json");

        Assert.Equal(0, yaml.ExitCode);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml.Out));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var yamlItems = ((YamlSequenceNode)root.Children[new YamlScalarNode("items")]).Children
            .Select(i => (YamlMappingNode)i)
            .Select(i => $"{i.Children[new YamlScalarNode("kind")]}/{((YamlMappingNode)i.Children[new YamlScalarNode("metadata")]).Children[new YamlScalarNode("name")]}")
            .ToList();
        var jsonItems = StatusJson.Items(json.Out).Select(i => $"{i!["kind"]}/{i["metadata"]!["name"]}").ToList();
        Assert.Equal(jsonItems, yamlItems);
        Assert.Contains("Gateway/gw", yamlItems);
    }

    [Fact]
    public void Output_IsTheSameOnEveryRun()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        Assert.Equal(CliRunner.Run("check", "-c", file).Out, CliRunner.Run("check", "-c", file).Out);
        Assert.Equal(CliRunner.Run("check", "-c", file, "-o", "yaml").Out, CliRunner.Run("check", "-c", file, "-o", "yaml").Out);
    }

    [Fact]
    public void Strict_AllConditionsTrue_ExitsZero()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var result = CliRunner.Run("check", "-c", file, "--strict");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("strict:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_UnresolvedBackend_ExitsTwoAndNamesTheCondition()
    {
        _dir.Add("valid.yaml", Manifests.Valid);
        _dir.Add("dangling.yaml", Manifests.RouteToMissingService);

        var lenient = CliRunner.Run("check", "-c", _dir.Path);
        var strict = CliRunner.Run("check", "-c", _dir.Path, "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(ExitCodes.StrictFailure, strict.ExitCode);
        Assert.Contains("strict: GRPCRoute demo/dangling parent Gateway demo/gw: ResolvedRefs=False (BackendNotFound)", strict.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("demo/echo", strict.Err, StringComparison.Ordinal);
        Assert.Equal(lenient.Out, strict.Out);
    }

    [Fact]
    public void MalformedManifest_ExitsOneWithALocatedError()
    {
        _dir.Add("valid.yaml", Manifests.Valid);
        _dir.Add("bad.yaml", Manifests.Malformed);

        var result = CliRunner.Run("check", "-c", _dir.Path);

        Assert.Equal(ExitCodes.ManifestError, result.ExitCode);
        Assert.Matches(new Regex(@"bad\.yaml:\d+:\d+: error: ", RegexOptions.Multiline), result.Err);

        // What could be read is still translated and shown.
        Assert.Contains("Gateway demo/gw", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedManifest_WinsOverStrictFailure()
    {
        _dir.Add("valid.yaml", Manifests.Valid);
        _dir.Add("dangling.yaml", Manifests.RouteToMissingService);
        _dir.Add("bad.yaml", Manifests.Malformed);

        var result = CliRunner.Run("check", "-c", _dir.Path, "--strict");

        Assert.Equal(ExitCodes.ManifestError, result.ExitCode);
    }

    [Fact]
    public void MissingPath_ExitsOne()
    {
        var result = CliRunner.Run("check", "-c", Path.Combine(_dir.Path, "does-not-exist.yaml"));

        Assert.Equal(ExitCodes.ManifestError, result.ExitCode);
        Assert.Contains("does-not-exist.yaml", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKind_WarnsOnStderrButDoesNotChangeTheExitCode()
    {
        _dir.Add("valid.yaml", Manifests.Valid);
        _dir.Add("deployment.yaml", Manifests.Deployment);

        var result = CliRunner.Run("check", "-c", _dir.Path, "--strict");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(new Regex(@"deployment\.yaml(:\d+)*: warning: .*Deployment"), result.Err);
    }

    [Fact]
    public void Config_AcceptsRepeatedAndListedPaths()
    {
        var valid = _dir.Add("valid.yaml", Manifests.Valid);
        var dangling = _dir.Add("dangling.yaml", Manifests.RouteToMissingService);

        var repeated = CliRunner.Run("check", "-c", valid, "-c", dangling, "-o", "json");
        var listed = CliRunner.Run("check", "--config", valid, dangling, "-o", "json");
        var one = CliRunner.Run("check", "-c", valid, "-o", "json");

        Assert.Equal(0, repeated.ExitCode);
        Assert.NotNull(StatusJson.Item(StatusJson.Items(repeated.Out), "GRPCRoute", "dangling"));
        Assert.Equal(repeated.Out, listed.Out);
        Assert.DoesNotContain(StatusJson.Items(one.Out), i => (string?)i!["metadata"]!["name"] == "dangling");
    }

    [Fact]
    public void ControllerName_SelectsWhichGatewayClassesAreOwned()
    {
        var file = _dir.Add("valid.yaml", Manifests.Valid);

        var ours = CliRunner.Run("check", "-c", file, "-o", "json");
        var someoneElses = CliRunner.Run("check", "-c", file, "-o", "json", "--controller-name", "example.com/other");

        Assert.Contains(StatusJson.Items(ours.Out), i => (string?)i!["kind"] == "Gateway");
        Assert.DoesNotContain(StatusJson.Items(someoneElses.Out), i => (string?)i!["kind"] == "Gateway");
    }
}
