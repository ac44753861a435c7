using Portico.Files.Reading;
using Portico.Files.Tests.Support;
using Portico.Model.GatewayApi;
using static Portico.Files.Tests.Support.Yaml;

namespace Portico.Files.Tests;

/// <summary>State across reloads: generation, creation time, last good objects per file, removals.</summary>
public sealed class ManifestStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new();
    private readonly ManifestStore _store;

    public ManifestStoreTests() => _store = new ManifestStore(_clock);

    public void Dispose() => _dir.Dispose();

    private static string Route(string name, string backend, string? label = null, string? extraMetadata = null) => Lines(
        "apiVersion: gateway.networking.k8s.io/v1",
        "kind: HTTPRoute",
        "metadata:",
        $"  name: {name}",
        $"  labels: {{team: {label ?? "a"}}}",
        extraMetadata ?? "  annotations: {}",
        "spec:",
        "  rules:",
        "    - backendRefs:",
        $"        - name: {backend}",
        "          port: 80");

    private ManifestReadResult Reload() => _store.Reload([_dir.Path]);

    private static HttpRoute Find(ManifestReadResult result, string name) =>
        Assert.IsType<HttpRoute>(Assert.Single(result.Objects, o => o.Object.Name == name).Object);

    [Fact]
    public void GenerationMovesOnlyWhenTheSpecChanges()
    {
        _dir.Write("r.yaml", Route("r", "v1"));
        Assert.Equal(1, Find(Reload(), "r").Metadata.Generation);

        // Same spec again: unchanged.
        Assert.Equal(1, Find(Reload(), "r").Metadata.Generation);

        // Metadata only: unchanged, as in Kubernetes.
        _dir.Write("r.yaml", Route("r", "v1", label: "b"));
        var relabeled = Find(Reload(), "r");
        Assert.Equal(1, relabeled.Metadata.Generation);
        Assert.Equal("b", relabeled.Metadata.Labels["team"]);

        // Spelling out a default is no spec change either.
        _dir.Write("r.yaml", Route("r", "v1", label: "b").Replace("          port: 80", "          port: 80\n          weight: 1", StringComparison.Ordinal));
        Assert.Equal(1, Find(Reload(), "r").Metadata.Generation);

        _dir.Write("r.yaml", Route("r", "v2"));
        Assert.Equal(2, Find(Reload(), "r").Metadata.Generation);
        _dir.Write("r.yaml", Route("r", "v3"));
        Assert.Equal(3, Find(Reload(), "r").Metadata.Generation);
    }

    [Fact]
    public void CreationTimestampIsKeptFromFirstSight()
    {
        _dir.Write("r.yaml", Route("r", "v1"));
        Reload();
        _clock.Now = ManualClock.Start.AddHours(1);
        _dir.Write("r.yaml", Route("r", "v2"));
        _dir.Write("s.yaml", Route("s", "v1"));

        var result = Reload();

        Assert.Equal(ManualClock.Start, Find(result, "r").Metadata.CreationTimestamp);
        Assert.Equal(ManualClock.Start.AddHours(1), Find(result, "s").Metadata.CreationTimestamp);
    }

    [Fact]
    public void GivenMetadataWins()
    {
        _dir.Write("r.yaml", Route("r", "v1", extraMetadata: "  generation: 5\n  creationTimestamp: \"2021-01-01T00:00:00Z\""));
        var first = Find(Reload(), "r");
        Assert.Equal(5, first.Metadata.Generation);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), first.Metadata.CreationTimestamp);

        // Without them, tracking continues from what was given.
        _dir.Write("r.yaml", Route("r", "v2"));
        var second = Find(Reload(), "r");
        Assert.Equal(6, second.Metadata.Generation);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), second.Metadata.CreationTimestamp);
    }

    [Fact]
    public void FailingFileKeepsItsLastGoodObjectsWhileOthersUpdate()
    {
        var broken = _dir.Write("a.yaml", Route("a", "v1"));
        _dir.Write("b.yaml", Route("b", "v1"));
        Reload();

        _dir.Write("a.yaml", Route("a", "v2").Replace("port: 80", "port: eighty", StringComparison.Ordinal));
        _dir.Write("b.yaml", Route("b", "v2"));
        var result = Reload();

        Assert.True(result.HasErrors);
        Assert.Equal([broken], result.FailingFiles);
        Assert.Equal("v1", Find(result, "a").Spec.Rules[0].BackendRefs[0].Name);
        Assert.Equal(1, Find(result, "a").Metadata.Generation);
        Assert.Equal("v2", Find(result, "b").Spec.Rules[0].BackendRefs[0].Name);
        Assert.Equal(2, Find(result, "b").Metadata.Generation);
        Assert.Equal(
            [
                $"{broken}: warning: keeping the 1 object(s) of the last good read of this file until its errors are fixed",
                $"{broken}:11:17: error: spec.rules[0].backendRefs[0].port: expected an integer, got \"eighty\"",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Same(result, _store.Current);
        var update = result.ToProviderUpdate();
        Assert.Equal(2, update.Snapshot.HttpRoutes.Count);
        Assert.Equal(result.Diagnostics.Select(d => d.ToString()), update.Problems);

        // Fixed: the new content replaces the kept one, and the file stops failing.
        _dir.Write("a.yaml", Route("a", "v2"));
        var fixedResult = Reload();
        Assert.Empty(fixedResult.Diagnostics);
        Assert.Empty(fixedResult.FailingFiles);
        Assert.Equal("v2", Find(fixedResult, "a").Spec.Rules[0].BackendRefs[0].Name);
        Assert.Equal(2, Find(fixedResult, "a").Metadata.Generation);
    }

    [Fact]
    public void FailingFileNeverGoodContributesNothing()
    {
        var broken = _dir.Write("a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  oops: 1\n");
        _dir.Write("b.yaml", Route("b", "v1"));

        var result = Reload();

        Assert.Equal(["b"], result.Objects.Select(o => o.Object.Name));
        Assert.Equal([broken], result.FailingFiles);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void DisappearingFileRemovesItsObjectsAndTheirHistory()
    {
        var file = _dir.Write("a.yaml", Route("a", "v1"));
        Reload();
        _dir.Write("a.yaml", Route("a", "v2"));
        Assert.Equal(2, Find(Reload(), "a").Metadata.Generation);

        File.Delete(file);
        var empty = Reload();
        Assert.Empty(empty.Objects);
        Assert.Empty(empty.Diagnostics);

        // Back again: a new object for all purposes.
        _clock.Now = ManualClock.Start.AddMinutes(5);
        _dir.Write("a.yaml", Route("a", "v2"));
        var again = Find(Reload(), "a");
        Assert.Equal(1, again.Metadata.Generation);
        Assert.Equal(ManualClock.Start.AddMinutes(5), again.Metadata.CreationTimestamp);
    }

    [Fact]
    public void UnchangedObjectsAreReusedAndMovedOnesKeepTheirModelObject()
    {
        _dir.Write("a.yaml", Route("r", "v1") + "---\n" + Route("s", "v1") + "---\n" + Route("t", "v1"));
        var first = Reload();

        // r edited without changing its line count, s and t untouched: the same loaded objects, same place.
        _dir.Write("a.yaml", Route("r", "v2") + "---\n" + Route("s", "v1") + "---\n" + Route("t", "v1"));
        var second = Reload();
        Assert.NotSame(first.Objects[0], second.Objects[0]);
        Assert.Same(first.Objects[1], second.Objects[1]);
        Assert.Same(first.Objects[2], second.Objects[2]);

        // Two lines more above s and t: their model objects stay, at their new lines; r's spec is back to v1.
        _dir.Write("a.yaml", Route("r", "v1", extraMetadata: "  annotations:\n    a: b\n    c: d") + "---\n" + Route("s", "v1") + "---\n" + Route("t", "v1"));
        var third = Reload();
        Assert.Equal([first.Objects[1].Line + 2, first.Objects[2].Line + 2], third.Objects.Skip(1).Select(o => o.Line));
        Assert.Same(second.Objects[1].Object, third.Objects[1].Object);
        Assert.Same(second.Objects[2].Object, third.Objects[2].Object);
        Assert.Equal([3L, 1L, 1L], third.Objects.Select(o => o.Object.Metadata.Generation!.Value));

        // And a fresh store reads the same.
        var fresh = new ManifestStore(_clock).Reload([_dir.Path]);
        Assert.Equal(fresh.Objects.Select(o => (o.Object.Name, o.File, o.Line)), third.Objects.Select(o => (o.Object.Name, o.File, o.Line)));
    }

    [Fact]
    public void ObjectMovingBetweenFilesKeepsItsHistory()
    {
        var first = _dir.Write("a.yaml", Route("r", "v1"));
        Reload();
        _clock.Now = ManualClock.Start.AddDays(1);
        File.Delete(first);
        _dir.Write("b.yaml", Route("r", "v1"));

        var moved = Assert.Single(Reload().Objects);

        Assert.Equal(_dir.File("b.yaml"), moved.File);
        Assert.Equal(1, moved.Object.Metadata.Generation);
        Assert.Equal(ManualClock.Start, moved.Object.Metadata.CreationTimestamp);
    }

    [Fact]
    public void UnreadableFileIsADiagnosticAndKeepsLastGood()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the project builds and tests on Linux; this relies on Unix modes and /proc
        }

        var file = _dir.Write("a.yaml", Route("a", "v1"));
        Reload();
        MakeUnreadable(file);

        var unreadable = Reload();

        Assert.Equal([file], unreadable.FailingFiles);
        Assert.Contains(unreadable.Diagnostics, d => d.File == file && d.Severity == DiagnosticSeverity.Error && d.Message.StartsWith("cannot read file: ", StringComparison.Ordinal));
        Assert.Equal("a", Assert.Single(unreadable.Objects).Object.Name);
    }

    // Root reads files whatever their mode; a link to /proc/self/mem fails with an I/O error at offset 0 instead.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void MakeUnreadable(string file)
    {
        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(file, UnixFileMode.None);
            return;
        }

        File.Delete(file);
        File.CreateSymbolicLink(file, "/proc/self/mem");
    }

    [Fact]
    public void CrossFileDuplicateKeepsTheFirstInPathOrder()
    {
        _dir.Write("b.yaml", Route("r", "from-b"));
        var result = Reload();
        Assert.Equal("from-b", Find(result, "r").Spec.Rules[0].BackendRefs[0].Name);

        _dir.Write("a.yaml", Route("r", "from-a"));
        var both = Reload();

        Assert.Equal("from-a", Find(both, "r").Spec.Rules[0].BackendRefs[0].Name);
        var error = Assert.Single(both.Diagnostics);
        Assert.Equal($"{_dir.File("b.yaml")}:1:1: error: duplicate HTTPRoute default/r: already defined at {_dir.File("a.yaml")}:1", error.ToString());

        // The object's history carried over: its spec changed, so the generation moved.
        Assert.Equal(2, Find(both, "r").Metadata.Generation);
    }

    [Fact]
    public void ReloadTextsWorksWithoutFiles()
    {
        var store = new ManifestStore(_clock);
        store.ReloadTexts([new("mem.yaml", Route("r", "v1"))]);

        var result = store.ReloadTexts([new("mem.yaml", Route("r", "v2"))]);

        Assert.Equal(2, Find(result, "r").Metadata.Generation);
        Assert.Equal("mem.yaml", Assert.Single(result.Objects).File);
    }
}
