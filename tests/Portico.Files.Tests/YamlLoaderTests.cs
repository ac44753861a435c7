using System.Text.Json.Nodes;
using Portico.Files.Reading;
using Portico.Files.Yaml;

namespace Portico.Files.Tests;

/// <summary>YAML → JSON: core schema, anchors, merge keys, tags, positions and loader-level errors.</summary>
public sealed class YamlLoaderTests
{
    private static JsonNode? LoadOne(string text)
    {
        var result = YamlJsonLoader.Load(text, "t.yaml");
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Documents).Root;
    }

    private static ManifestDiagnostic LoadError(string text) =>
        Assert.Single(YamlJsonLoader.Load(text, "t.yaml").Diagnostics);

    [Theory]
    [InlineData("v: null", "null")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: NULL", "null")]
    [InlineData("v: true", "true")]
    [InlineData("v: False", "false")]
    [InlineData("v: TRUE", "true")]
    [InlineData("v: tRUE", "\"tRUE\"")]
    [InlineData("v: yes", "\"yes\"")]
    [InlineData("v: off", "\"off\"")]
    [InlineData("v: 42", "42")]
    [InlineData("v: -17", "-17")]
    [InlineData("v: +5", "5")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 0755", "755")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: .5", "0.5")]
    [InlineData("v: 1e3", "1000")]
    [InlineData("v: 12345678901234567890", "12345678901234567890")]
    [InlineData("v: 1_000", "\"1_000\"")]
    [InlineData("v: 10s", "\"10s\"")]
    [InlineData("v: '42'", "\"42\"")]
    [InlineData("v: \"true\"", "\"true\"")]
    [InlineData("v: !!str 42", "\"42\"")]
    [InlineData("v: !!int \"42\"", "42")]
    [InlineData("v: ! 42", "\"42\"")]
    [InlineData("v: *.example.com", "ERROR")]
    [InlineData("v: \"*.example.com\"", "\"*.example.com\"")]
    [InlineData("v: a b # comment", "\"a b\"")]
    [InlineData("v: |-\n  x\n  y", "\"x\\ny\"")]
    [InlineData("v: >\n  folded\n  text\n", "\"folded text\\n\"")]
    public void ScalarsFollowTheCoreSchema(string yaml, string expectedJson)
    {
        var result = YamlJsonLoader.Load(yaml + "\n", "t.yaml");
        if (expectedJson == "ERROR")
        {
            Assert.NotEmpty(result.Diagnostics);
            return;
        }

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expectedJson, Assert.Single(result.Documents).Root!["v"]?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("v: .inf")]
    [InlineData("v: -.Inf")]
    [InlineData("v: .nan")]
    [InlineData("v: 1e999")]
    public void NonFiniteNumbersAreErrors(string yaml)
    {
        var error = LoadError(yaml);

        Assert.Equal(("v", 1, 4), (error.Field, error.Line, error.Column));
        Assert.Contains("cannot be represented in JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorsAndAliasesRepeatTheAnchoredTree()
    {
        var root = LoadOne("base: &b {x: 1, y: [a, b]}\ncopy: *b\nscalar: &s hi\nagain: *s\n");

        Assert.Equal("""{"base":{"x":1,"y":["a","b"]},"copy":{"x":1,"y":["a","b"]},"scalar":"hi","again":"hi"}""", root!.ToJsonString());
    }

    [Fact]
    public void AliasedFieldsPointAtTheAnchorText()
    {
        var document = Assert.Single(YamlJsonLoader.Load("base: &b\n  x: 1\ncopy: *b\n", "t.yaml").Documents);

        Assert.True(document.Map.TryGet("copy.x", out var entry));
        Assert.Equal(new SourcePosition(2, 3), entry.Key);
        Assert.True(document.Map.TryGet("copy", out var copy));
        Assert.Equal(new SourcePosition(3, 7), copy.Value);
    }

    [Fact]
    public void MergeKeysFillMissingKeysAndExplicitKeysWin()
    {
        var root = LoadOne("defaults: &d {a: 1, b: 2}\nother: &o {c: 3, a: 9}\nthing:\n  b: 20\n  <<: [*d, *o]\n");

        Assert.Equal("""{"b":20,"a":1,"c":3}""", root!["thing"]!.ToJsonString());
    }

    [Fact]
    public void QuotedMergeKeyIsAnOrdinaryKey()
    {
        var root = LoadOne("\"<<\": x\n")!.AsObject();

        Assert.Equal("x", Assert.Single(root).Value!.GetValue<string>());
        Assert.Equal("<<", Assert.Single(root).Key);
    }

    [Fact]
    public void PositionsAreRecordedForKeysAndValues()
    {
        var document = Assert.Single(YamlJsonLoader.Load("a:\n  list:\n    - name: x\n      'odd.key': 5\n", "t.yaml").Documents);

        Assert.True(document.Map.TryGet("a.list[0].name", out var name));
        Assert.Equal((new SourcePosition(3, 7), new SourcePosition(3, 13)), (name.Key, name.Value));
        Assert.True(document.Map.TryGet("a.list[0]['odd.key']", out var odd));
        Assert.Equal(new SourcePosition(4, 18), odd.Value);
        Assert.Equal(new SourcePosition(1, 1), document.Position);
    }

    [Fact]
    public void UnknownAliasIsAnError()
    {
        var error = LoadError("a: *nowhere\n");

        Assert.Equal("t.yaml:1:4: error: a: unknown alias *nowhere", error.ToString());
    }

    [Fact]
    public void ComplexKeysAreErrors()
    {
        Assert.Equal("mapping keys must be strings, not lists, mappings or aliases", LoadError("? [a, b]\n: 1\n").Message);
    }

    [Fact]
    public void UnsupportedTagsAreErrors()
    {
        Assert.Equal("t.yaml:1:4: error: a: unsupported tag !custom", LoadError("a: !custom x\n").ToString());
        Assert.Equal("\"abc\" is not a valid !!int", LoadError("a: !!int abc\n").Message);
    }

    [Fact]
    public void AliasBombsAreStopped()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var result = YamlJsonLoader.Load(string.Join("\n", lines) + "\n", "bomb.yaml");

        Assert.Contains("expands to more than", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(result.Documents).HasErrors);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var text = "v: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = YamlJsonLoader.Load(text, "deep.yaml");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("nesting deeper than", StringComparison.Ordinal) || d.Message.StartsWith("invalid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntaxErrorKeepsEarlierDocuments()
    {
        var result = YamlJsonLoader.Load("a: 1\n---\nb: [\n", "t.yaml");

        Assert.Equal("""{"a":1}""", Assert.Single(result.Documents).Root!.ToJsonString());
        Assert.StartsWith("invalid YAML", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
