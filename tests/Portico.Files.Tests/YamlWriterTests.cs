using System.Text.Json.Nodes;
using Portico.Files.Yaml;

namespace Portico.Files.Tests;

/// <summary>YamlDocumentWriter: layout, quoting, block literals, and write → read giving the same tree.</summary>
public sealed class YamlWriterTests
{
    private static JsonNode? ReadBack(string yaml)
    {
        var result = YamlJsonLoader.Load(yaml, "written.yaml");
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Documents).Root;
    }

    private static void AssertRoundTrips(JsonNode? node)
    {
        var yaml = YamlDocumentWriter.Write(node);
        var back = ReadBack(yaml);
        Assert.True(JsonNode.DeepEquals(node, back), $"round trip changed the tree:\n{yaml}\n=> {back?.ToJsonString()}");
    }

    [Fact]
    public void BlockLayoutKeepsKeyOrderAndIndentsListsUnderTheirKey()
    {
        var node = JsonNode.Parse("""
            {"apiVersion": "v1", "kind": "Thing", "spec": {"listeners": [{"name": "http", "port": 80, "tags": ["a", "b"]}, {"name": "x", "nested": [[1, 2], []]}],
             "empty": {}, "none": [], "nothing": null, "on": true, "ratio": 0.25}}
            """);

        var yaml = YamlDocumentWriter.Write(node);

        Assert.Equal(
            """
            apiVersion: v1
            kind: Thing
            spec:
              listeners:
                - name: http
                  port: 80
                  tags:
                    - a
                    - b
                - name: x
                  nested:
                    - - 1
                      - 2
                    - []
              empty: {}
              none: []
              nothing: null
              "on": true
              ratio: 0.25

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml);
        AssertRoundTrips(node);
    }

    [Theory]
    [InlineData("true", "\"true\"")]
    [InlineData("False", "\"False\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("0x10", "\"0x10\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("", "\"\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("*.example.com", "\"*.example.com\"")]
    [InlineData("&anchor", "\"&anchor\"")]
    [InlineData("!tag", "\"!tag\"")]
    [InlineData("- item", "\"- item\"")]
    [InlineData("key: value", "\"key: value\"")]
    [InlineData("ends with colon:", "\"ends with colon:\"")]
    [InlineData("a #comment", "\"a #comment\"")]
    [InlineData("#hash", "\"#hash\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("padded ", "\"padded \"")]
    [InlineData("{flow}", "\"{flow}\"")]
    [InlineData("[list]", "\"[list]\"")]
    [InlineData("'single'", "\"'single'\"")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("bell\u0007", "\"bell\\x07\"")]
    [InlineData("---", "\"---\"")]
    [InlineData("%directive", "\"%directive\"")]
    [InlineData("@at", "\"@at\"")]
    [InlineData("`tick", "\"`tick\"")]
    [InlineData("/api/v1", "/api/v1")]
    [InlineData("10s", "10s")]
    [InlineData("a:b", "a:b")]
    [InlineData("https://example.com/x?y=1#frag", "https://example.com/x?y=1#frag")]
    [InlineData("gateway.networking.k8s.io", "gateway.networking.k8s.io")]
    [InlineData("héllo wörld", "héllo wörld")]
    [InlineData("1.2.3", "1.2.3")]
    public void StringsAreQuotedOnlyWhenNeeded(string value, string expected)
    {
        var node = new JsonObject { ["v"] = value };

        Assert.Equal($"v: {expected}\n", YamlDocumentWriter.Write(node));
        AssertRoundTrips(node);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("<<")]
    [InlineData("a: b")]
    [InlineData("")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("multi\nline")]
    public void KeysRoundTrip(string key)
    {
        AssertRoundTrips(new JsonObject { [key] = "v" });
    }

    [Theory]
    [InlineData("line one\nline two", "v: |-\n  line one\n  line two\n")]
    [InlineData("line one\nline two\n", "v: |\n  line one\n  line two\n")]
    [InlineData("a\n\n  indented\n\n", "v: |+\n  a\n\n    indented\n\n")]
    public void MultiLineStringsAreBlockLiterals(string value, string expected)
    {
        var node = new JsonObject { ["v"] = value };

        Assert.Equal(expected, YamlDocumentWriter.Write(node));
        AssertRoundTrips(node);
    }

    [Theory]
    [InlineData("  leading spaces\nsecond")]
    [InlineData("\nleading newline")]
    [InlineData("trailing space \nx")]
    [InlineData("crlf\r\nline")]
    [InlineData("\n")]
    public void AwkwardMultiLineStringsFallBackToQuotes(string value)
    {
        var node = new JsonObject { ["v"] = value };

        Assert.StartsWith("v: \"", YamlDocumentWriter.Write(node), StringComparison.Ordinal);
        AssertRoundTrips(node);
    }

    [Fact]
    public void LiteralsInsideListsRoundTrip()
    {
        var node = JsonNode.Parse("""{"items": ["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", {"pem": "a\nb"}], "x": 1}""");

        var yaml = YamlDocumentWriter.Write(node);

        Assert.Contains("  - |\n    -----BEGIN CERTIFICATE-----\n", yaml, StringComparison.Ordinal);
        AssertRoundTrips(node);
    }

    [Theory]
    [InlineData("{}", "{}\n")]
    [InlineData("[]", "[]\n")]
    [InlineData("null", "null\n")]
    [InlineData("\"text\"", "text\n")]
    [InlineData("42", "42\n")]
    [InlineData("[1, {\"a\": 2}]", "- 1\n- a: 2\n")]
    public void RootValues(string json, string expected)
    {
        var node = JsonNode.Parse(json);

        Assert.Equal(expected, YamlDocumentWriter.Write(node));
        AssertRoundTrips(node);
    }

    [Fact]
    public void NumbersAndBooleansKeepTheirTypes()
    {
        AssertRoundTrips(JsonNode.Parse("""{"i": -3, "big": 12345678901234567890, "f": 1.25, "e": 1E+20, "t": true, "f2": false}"""));
    }

    [Fact]
    public void ValuesHoldingNonStringClrTypesAreWrittenByTheirJson()
    {
        var node = new JsonObject
        {
            ["time"] = JsonValue.Create(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            ["id"] = JsonValue.Create(Guid.Empty),
            ["letter"] = JsonValue.Create('y'),
        };

        Assert.Equal("time: 2024-01-02T03:04:05+00:00\nid: 00000000-0000-0000-0000-000000000000\nletter: \"y\"\n", YamlDocumentWriter.Write(node));
    }

    [Fact]
    public void WriteAllSeparatesDocuments()
    {
        var yaml = YamlDocumentWriter.WriteAll([new JsonObject { ["a"] = 1 }, new JsonObject { ["b"] = 2 }]);

        Assert.Equal("a: 1\n---\nb: 2\n", yaml);
        var documents = YamlJsonLoader.Load(yaml, "x.yaml").Documents;
        Assert.Equal(["""{"a":1}""", """{"b":2}"""], documents.Select(d => d.Root!.ToJsonString()));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var node = JsonNode.Parse("""{"z": 1, "a": {"y": [1, 2], "b": "x"}}""");

        Assert.Equal(YamlDocumentWriter.Write(node), YamlDocumentWriter.Write(node!.DeepClone()));
        Assert.StartsWith("z: 1\na:\n", YamlDocumentWriter.Write(node), StringComparison.Ordinal);
    }

    [Fact]
    public void RandomStringsRoundTripAsKeysAndValues()
    {
        // Deterministic: a fixed seed over an alphabet rich in YAML-significant characters.
        const string alphabet = "ab01 :#-?,[]{}&*!|>'\"%@`\n\t.~_+eExo/\\\u00e9\u2028\u0085\u0001\uFEFF";
        var random = new Random(20250301);
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(0, 12);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            AssertRoundTrips(new JsonObject { ["v"] = text, [text] = new JsonArray(text, new JsonObject { ["k"] = text }) });
        }
    }
}
