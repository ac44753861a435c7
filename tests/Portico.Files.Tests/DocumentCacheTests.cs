using Portico.Files.Reading;
using Portico.Files.Tests.Support;
using Portico.Model.GatewayApi;
using static Portico.Files.Tests.Support.Yaml;

namespace Portico.Files.Tests;

/// <summary>
/// Documents are parsed one by one and cached by text across reloads: a cached read must be indistinguishable from a
/// fresh read of the same text (objects, lines, diagnostics), and a YAML error must read the stream whole as before.
/// </summary>
public sealed class DocumentCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new();
    private readonly ManifestStore _store;

    public DocumentCacheTests() => _store = new ManifestStore(_clock);

    public void Dispose() => _dir.Dispose();

    private static string Route(string name, string backend) => Lines(
        "---",
        "apiVersion: gateway.networking.k8s.io/v1",
        "kind: HTTPRoute",
        "metadata:",
        $"  name: {name}",
        "spec:",
        "  rules:",
        "    - backendRefs:",
        $"        - name: {backend}",
        "          port: 80");

    // Cluster-scoped with a namespace: a warning with a line and column, and an object.
    private static readonly string Class = Lines(
        "---",
        "apiVersion: gateway.networking.k8s.io/v1",
        "kind: GatewayClass",
        "metadata:",
        "  name: portico",
        "  namespace: ignored",
        "spec:",
        "  controllerName: portico.dev/gateway-controller");

    private ManifestReadResult Reload() => _store.Reload([_dir.Path]);

    private ManifestReadResult Fresh() => new ManifestStore(_clock).Reload([_dir.Path]);

    private static void AssertSameRead(ManifestReadResult expected, ManifestReadResult actual)
    {
        Assert.Equal(expected.Diagnostics.Select(d => d.ToString()), actual.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(expected.Objects.Select(o => (o.Object.Kind, o.Object.Name, o.File, o.Line)),
            actual.Objects.Select(o => (o.Object.Kind, o.Object.Name, o.File, o.Line)));
    }

    [Fact]
    public void CachedDocumentsMoveWithTheLinesAboveThem()
    {
        _dir.Write("all.yaml", Route("a", "v1") + Class + Route("b", "v1"));
        var first = Reload();
        Assert.Equal(16, Assert.Single(first.Diagnostics).Line); // "namespace: ignored" of the class document
        Assert.Equal([2, 12, 20], first.Objects.Select(o => o.Line));

        // Three lines more in the first document; the other two are cached and must move down by three.
        _dir.Write("all.yaml", Route("a", "v1").Replace("spec:\n", "  labels:\n    x: y\n    z: w\nspec:\n", StringComparison.Ordinal) + Class + Route("b", "v1"));
        var second = Reload();
        var warning = Assert.Single(second.Diagnostics);
        Assert.Equal((19, 3), (warning.Line!.Value, warning.Column!.Value));
        Assert.Contains("namespace", warning.Field, StringComparison.Ordinal);
        Assert.Equal([2, 15, 23], second.Objects.Select(o => o.Line));
        AssertSameRead(Fresh(), second);
    }

    [Fact]
    public void EditingOneDocumentChangesOnlyItsGeneration()
    {
        _dir.Write("all.yaml", Route("a", "v1") + Route("b", "v1") + Route("c", "v1"));
        var first = Reload();
        _dir.Write("all.yaml", Route("a", "v1") + Route("b", "v2") + Route("c", "v1"));
        var second = Reload();

        Assert.Equal([1L, 2L, 1L], second.Objects.Select(o => o.Object.Metadata.Generation!.Value));
        var b = Assert.IsType<HttpRoute>(second.Objects[1].Object);
        Assert.Equal("v2", b.Spec.Rules[0].BackendRefs[0].Name);

        // Unchanged documents keep their model objects across reads (not deserialized again).
        Assert.Same(first.Objects[0].Object, second.Objects[0].Object);
        Assert.Same(first.Objects[2].Object, second.Objects[2].Object);
        AssertSameRead(Fresh(), second);
    }

    [Fact]
    public void InsertedRemovedAndReorderedDocumentsReadAsAFreshRead()
    {
        var a = Route("a", "v1");
        var b = Route("b", "v1");
        var c = Route("c", "v1");
        _dir.Write("all.yaml", a + Class + b + c);
        Reload();

        // A new document at the top (everything below moves), then one removed from the middle, then a reordering,
        // then the first text again: each read must equal a fresh read of the same text.
        string[] versions =
        [
            Route("z", "v1") + a + Class + b + c,
            Route("z", "v1") + a + b + c,
            c + Route("z", "v1") + b + a,
            a + Class + b + c,
            a + Class + Route("b", "v2") + c,
        ];
        foreach (var text in versions)
        {
            _dir.Write("all.yaml", text);
            var read = Reload();
            AssertSameRead(Fresh(), read);
        }

        var last = Reload();
        Assert.Equal(["a", "portico", "b", "c"], last.Objects.Select(o => o.Object.Name));
        Assert.Equal("v2", Assert.IsType<HttpRoute>(last.Objects[2].Object).Spec.Rules[0].BackendRefs[0].Name);
    }

    [Fact]
    public void IdenticalDocumentsInOneFileAreStillDuplicates()
    {
        _dir.Write("all.yaml", Route("a", "v1") + Route("a", "v1"));
        var first = Reload();
        var error = Assert.Single(first.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(12, error.Line);
        Assert.Contains("already defined at", error.Message, StringComparison.Ordinal);

        // Read again from the cache: the same error at the same place.
        AssertSameRead(first, Reload());
    }

    [Fact]
    public void SyntaxErrorReadsTheStreamWholeAndKeepsLastGood()
    {
        _dir.Write("all.yaml", Route("a", "v1") + Route("b", "v1") + Route("c", "v1"));
        Reload();

        // An unclosed flow mapping in the second document: the stream stops there, as a whole-stream parse does.
        var broken = Route("a", "v2") + Route("b", "v1").Replace("port: 80", "port: {80", StringComparison.Ordinal) + Route("c", "v2");
        _dir.Write("all.yaml", broken);
        var failed = Reload();
        var error = Assert.Single(failed.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line!.Value, 11, 21); // at the end of document b (the unclosed brace), reported once
        Assert.Equal([error.ToString()], Fresh().Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["all.yaml"], failed.FailingFiles.Select(Path.GetFileName));
        Assert.All(failed.Objects, o => Assert.Equal("v1", Assert.IsType<HttpRoute>(o.Object).Spec.Rules[0].BackendRefs[0].Name));

        _dir.Write("all.yaml", Route("a", "v2") + Route("b", "v1") + Route("c", "v2"));
        var fixedRead = Reload();
        Assert.Empty(fixedRead.Diagnostics);
        Assert.Equal(["v2", "v1", "v2"], fixedRead.Objects.Select(o => Assert.IsType<HttpRoute>(o.Object).Spec.Rules[0].BackendRefs[0].Name));
        Assert.Equal([2L, 1L, 2L], fixedRead.Objects.Select(o => o.Object.Metadata.Generation!.Value));
    }

    [Theory]
    [InlineData("a: 1\n---\nb: 2\n", new[] { 1, 2 })]
    [InlineData("---\na: 1\n--- \nb: 2\n---\t# c\n", new[] { 1, 3, 5 })]
    [InlineData("# head\n---\na: 1\n---", new[] { 1, 2, 4 })]
    [InlineData("a: |\n  ---\n  x\n----\n", new[] { 1 })]          // indented, or four dashes: not markers
    [InlineData("a: 1\r\n---\r\nb: 2\r\n", new[] { 1, 2 })]
    public void SplitFindsDocumentStarts(string text, int[] lines)
    {
        var chunks = DocumentChunks.Split(text)!;
        Assert.Equal(lines, chunks.Select(c => c.Line));
        Assert.Equal(text, string.Concat(chunks.Select(c => text.Substring(c.Start, c.Length))));
    }

    [Theory]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("a: 1\n...\n---\nb: 2\n")]
    [InlineData("a: 1\rb: 2\n")]
    [InlineData("\uFEFFa: 1\n")]
    public void SplitLeavesStreamsItCannotCountToTheParser(string text) => Assert.Null(DocumentChunks.Split(text));

    [Fact]
    public void StreamsThatAreNotSplitReadAsBefore()
    {
        var text = "%YAML 1.2\n" + Route("a", "v1") + "...\n" + Route("b", "v1");
        _dir.Write("all.yaml", text);
        var read = Reload();
        Assert.Empty(read.Diagnostics);
        Assert.Equal([("a", 3), ("b", 14)], read.Objects.Select(o => (o.Object.Name, o.Line)));
    }
}
