using Portico.Files.Reading;
using Portico.Files.Tests.Support;
using static Portico.Files.Tests.Support.Yaml;

namespace Portico.Files.Tests;

/// <summary>Every kind of error names file, line, column and field, and produces no objects from the failing file.</summary>
public sealed class ManifestErrorTests
{
    private static readonly ManifestReader Reader = new(new ManualClock());

    private static string Gateway(params string[] listenerLines) => Lines(
        [
            "apiVersion: gateway.networking.k8s.io/v1", // 1
            "kind: Gateway",                            // 2
            "metadata:",                                // 3
            "  name: gw",                               // 4
            "spec:",                                    // 5
            "  gatewayClassName: portico",              // 6
            "  listeners:",                             // 7
            .. listenerLines,                           // 8...
        ]);

    private static ManifestDiagnostic SingleError(ManifestReadResult result)
    {
        Assert.Empty(result.Objects);
        return Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void UnknownFieldNamesFileLineColumnAndPath()
    {
        var result = Reader.ReadText(Gateway("    - name: http", "      prot: HTTP", "      port: 80"), "gw.yaml");

        var error = SingleError(result);
        Assert.Equal("gw.yaml:9:7: error: spec.listeners[0].prot: unknown field \"prot\"", error.ToString());
        Assert.Equal(["gw.yaml"], result.FailingFiles);
    }

    [Fact]
    public void WrongTypeNamesExpectedAndActualValue()
    {
        var result = Reader.ReadText(Gateway("    - name: http", "      protocol: HTTP", "      port: eighty"), "gw.yaml");

        Assert.Equal("gw.yaml:10:13: error: spec.listeners[0].port: expected an integer, got \"eighty\"", SingleError(result).ToString());
    }

    [Fact]
    public void QuotedNumberIsAStringAndThereforeAWrongType()
    {
        var result = Reader.ReadText(Gateway("    - name: http", "      protocol: HTTP", "      port: \"80\""), "gw.yaml");

        Assert.Equal("spec.listeners[0].port: expected an integer, got \"80\"", Field(SingleError(result)));
    }

    [Fact]
    public void StringFieldGivenANumberOrBoolean()
    {
        var number = Reader.ReadText(Gateway("    - name: 8080", "      port: 80"), "gw.yaml");
        Assert.Equal("gw.yaml:8:13: error: spec.listeners[0].name: expected a string, got 8080", SingleError(number).ToString());

        var boolean = Reader.ReadText(Gateway("    - name: http", "      hostname: true"), "gw.yaml");
        Assert.Equal("spec.listeners[0].hostname: expected a string, got true", Field(SingleError(boolean)));
    }

    [Fact]
    public void MappingWhereAListIsExpected()
    {
        var result = Reader.ReadText(Gateway("    name: http", "    port: 80"), "gw.yaml");

        var error = SingleError(result);
        Assert.Equal("spec.listeners: expected a list, got a mapping", Field(error));
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void IntegerOutOfRange()
    {
        var result = Reader.ReadText(Gateway("    - name: http", "      port: 99999999999"), "gw.yaml");

        Assert.Equal("spec.listeners[0].port: expected an integer, got 99999999999 (out of range)", Field(SingleError(result)));
    }

    [Fact]
    public void FractionForAnInteger()
    {
        var result = Reader.ReadText(Gateway("    - name: http", "      port: 80.5"), "gw.yaml");

        Assert.Equal("spec.listeners[0].port: expected an integer, got 80.5", Field(SingleError(result)));
    }

    [Theory]
    [InlineData("\"12:00\"")] // a time alone would be "today"
    [InlineData("2026-01-02")] // a date alone
    [InlineData("\"1/2/2026\"")]
    [InlineData("\"Jan 1 2026\"")]
    [InlineData("2026-01-02T03:04:05")] // no zone: local time on whichever machine reads it
    public void TimestampsThatAreNotRfc3339AreRejected(string value)
    {
        var text = Lines("apiVersion: v1", "kind: Namespace", "metadata:", "  name: team", "  creationTimestamp: " + value);

        var error = SingleError(Reader.ReadText(text, "ns.yaml"));

        Assert.Contains("metadata.creationTimestamp: expected a timestamp (RFC 3339", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadTimestamp()
    {
        var text = Lines("apiVersion: v1", "kind: Namespace", "metadata:", "  name: team", "  creationTimestamp: yesterday");

        var error = SingleError(Reader.ReadText(text, "ns.yaml"));

        Assert.Equal("ns.yaml:5:22: error: metadata.creationTimestamp: expected a timestamp (RFC 3339, such as 2024-01-01T00:00:00Z), got \"yesterday\"", error.ToString());
    }

    [Fact]
    public void UnknownFieldWithDottedNameIsBracketed()
    {
        var text = Lines("apiVersion: v1", "kind: Namespace", "metadata:", "  name: team", "spec:", "  x: 1", "weird.key: 1");

        var error = SingleError(Reader.ReadText(text, "ns.yaml"));

        Assert.Equal("ns.yaml:7:1: error: ['weird.key']: unknown field \"weird.key\"", error.ToString());
    }

    [Fact]
    public void NamespaceAtTopLevelIsAnUnknownField()
    {
        var text = Lines("apiVersion: v1", "kind: Service", "namespace: prod", "metadata:", "  name: web");

        Assert.Equal("svc.yaml:3:1: error: namespace: unknown field \"namespace\"", SingleError(Reader.ReadText(text, "svc.yaml")).ToString());
    }

    [Fact]
    public void LabelValueMustBeAString()
    {
        var text = Lines("apiVersion: v1", "kind: Service", "metadata:", "  name: web", "  labels:", "    app.kubernetes.io/version: 2");

        var error = SingleError(Reader.ReadText(text, "svc.yaml"));

        Assert.Equal("svc.yaml:6:32: error: metadata.labels['app.kubernetes.io/version']: expected a string, got 2", error.ToString());
    }

    [Fact]
    public void IntOrStringRejectsBooleans()
    {
        var text = Lines("apiVersion: v1", "kind: Service", "metadata:", "  name: web", "spec:", "  ports:", "    - port: 80", "      targetPort: true");

        Assert.Equal("spec.ports[0].targetPort: expected an integer or a string, got true", Field(SingleError(Reader.ReadText(text, "svc.yaml"))));
    }

    [Theory]
    [InlineData("kind: Gateway\nmetadata:\n  name: gw\n", "x.yaml:1:1: error: apiVersion: required field is missing")]
    [InlineData("apiVersion: gateway.networking.k8s.io/v1\nmetadata:\n  name: gw\n", "x.yaml:1:1: error: kind: required field is missing")]
    [InlineData("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  namespace: a\n", "x.yaml:3:1: error: metadata.name: required field is missing")]
    [InlineData("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n", "x.yaml:1:1: error: metadata.name: required field is missing")]
    [InlineData("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: \"\"\n", "x.yaml:4:9: error: metadata.name: must not be empty")]
    [InlineData("apiVersion: 1\nkind: Gateway\nmetadata:\n  name: gw\n", "x.yaml:1:13: error: apiVersion: expected a string, got 1")]
    [InlineData("- a\n- b\n", "x.yaml:1:1: error: a manifest must be a mapping with apiVersion, kind and metadata, not a list")]
    public void RequiredFields(string text, string expected)
    {
        Assert.Equal(expected, SingleError(Reader.ReadText(text, "x.yaml")).ToString());
    }

    [Fact]
    public void BrokenYamlNamesLineAndColumn()
    {
        var text = Lines("apiVersion: v1", "kind: Namespace", "metadata:", "  name: 'team", "");

        var error = SingleError(Reader.ReadText(text, "ns.yaml"));

        Assert.Equal(4, error.Line);
        Assert.Equal(9, error.Column);
        Assert.StartsWith("invalid YAML: while scanning a quoted scalar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnbalancedFlowCollectionIsAnErrorNotACrash()
    {
        var error = SingleError(Reader.ReadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: [a\n", "ns.yaml"));

        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void DuplicateKeyInOneMapping()
    {
        var text = Lines("apiVersion: v1", "kind: Namespace", "metadata:", "  name: a", "  name: b");

        Assert.Equal("ns.yaml:5:3: error: metadata.name: duplicate key \"name\" (first at line 4)", SingleError(Reader.ReadText(text, "ns.yaml")).ToString());
    }

    [Fact]
    public void InvalidBase64NamesTheKey()
    {
        var text = Lines("apiVersion: v1", "kind: Secret", "metadata:", "  name: tls", "data:", "  tls.crt: bm90IGJhc2U2NA==", "  tls.key: not*base64");

        var error = SingleError(Reader.ReadText(text, "secret.yaml"));

        Assert.Equal("secret.yaml:7:12: error: data['tls.key']: invalid base64 in key \"tls.key\"", error.ToString());
    }

    [Fact]
    public void NullListItemIsAnError()
    {
        var result = Reader.ReadText(Gateway("    - name: http", "      port: 80", "    -"), "gw.yaml");

        var error = SingleError(result);
        Assert.Equal("spec.listeners[1]: a list item must not be null", Field(error));
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void ErrorInOneDocumentFailsTheWholeFileButKeepsReportingOtherDocuments()
    {
        var text = Lines(
            "apiVersion: v1", "kind: Namespace", "metadata:", "  name: good",
            "---",
            "apiVersion: v1", "kind: Namespace", "metadata:", "  name: bad", "  color: blue",
            "---",
            "apiVersion: v1", "kind: Namespace", "metadata:", "  nam: bad2");

        var result = Reader.ReadText(text, "ns.yaml");

        Assert.Empty(result.Objects);
        Assert.Equal(
            ["ns.yaml:10:3: error: metadata.color: unknown field \"color\"", "ns.yaml:15:3: error: metadata.nam: unknown field \"nam\""],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void ErrorsPointIntoTheAnchorForAliasedContent()
    {
        var text = Lines(
            "apiVersion: v1", "kind: Service", "metadata:", "  name: web",
            "  labels: &labels",
            "    app: 5",
            "  annotations: *labels");

        var error = Assert.Single(Reader.ReadText(text, "svc.yaml").Diagnostics);

        Assert.Equal("svc.yaml:6:10: error: metadata.labels.app: expected a string, got 5", error.ToString());
    }

    [Fact]
    public void MissingPathIsAnErrorNamingThePath()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.yaml");

        var result = Reader.Read([missing]);

        Assert.Equal($"{missing}: error: no such file or directory", Assert.Single(result.Diagnostics).ToString());
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void EveryUnknownFieldIsReportedNotJustTheFirst()
    {
        var text = Lines("apiVersion: v1", "kind: Service", "metadata:", "  name: s", "  bad1: 1", "spec:", "  bad2: 2", "  ports:", "    - prt: 1");

        var result = Reader.ReadText(text, "m.yaml");

        Assert.Equal(
            [
                "m.yaml:5:3: error: metadata.bad1: unknown field \"bad1\"",
                "m.yaml:7:3: error: spec.bad2: unknown field \"bad2\"",
                "m.yaml:9:7: error: spec.ports[0].prt: unknown field \"prt\"",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void TabIndentationPointsAtTheTab()
    {
        var error = SingleError(Reader.ReadText("apiVersion: v1\nkind: Service\nmetadata:\n\tname: s\n", "t.yaml"));

        Assert.Equal("t.yaml:4:1: error: invalid YAML: while scanning a mapping, found invalid tab as indentation", error.ToString());
    }

    [Fact]
    public void DuplicateKeyInFlowMapping()
    {
        var error = SingleError(Reader.ReadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, name: b}\n", "d.yaml"));

        Assert.Equal("d.yaml:3:21: error: metadata.name: duplicate key \"name\" (first at line 3)", error.ToString());
    }

    [Fact]
    public void ExcessiveNestingInAFreeFormFieldIsAPositionedError()
    {
        var text = Lines("apiVersion: gateway.networking.k8s.io/v1", "kind: Gateway", "metadata:", "  name: g", "spec:", "  tls: " + new string('[', 100) + new string(']', 100));

        var error = SingleError(Reader.ReadText(text, "n.yaml"));

        Assert.Equal((6, "nesting deeper than 60 levels"), (error.Line, error.Message));
        Assert.StartsWith("spec.tls[0][0]", error.Field, StringComparison.Ordinal);
    }

    private static string Field(ManifestDiagnostic diagnostic) => $"{diagnostic.Field}: {diagnostic.Message}";
}
