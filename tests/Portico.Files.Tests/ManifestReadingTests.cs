using Portico.Files.Reading;
using Portico.Files.Tests.Support;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Snapshot;
using static Portico.Files.Tests.Support.Yaml;

namespace Portico.Files.Tests;

/// <summary>Multi-document streams, kinds, namespaces, defaults, directories and duplicates.</summary>
public sealed class ManifestReadingTests
{
    private static readonly ManualClock Clock = new();
    private static readonly ManifestReader Reader = new(Clock);

    private static string Namespace(string name) => Lines("apiVersion: v1", "kind: Namespace", "metadata:", $"  name: {name}");

    [Fact]
    public void MultiDocumentWithEmptyCommentOnlyAndTrailingDocuments()
    {
        var text = "---\n" + Namespace("a") + "---\n# only a comment\n---\n---\n" + Namespace("b") + "---\n";

        var result = Reader.ReadText(text, "ns.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b"], result.Objects.Select(o => o.Object.Name));
        Assert.Equal([2, 10], result.Objects.Select(o => o.Line));
        Assert.All(result.Objects, o => Assert.Equal("ns.yaml", o.File));
    }

    [Fact]
    public void EmptyFileAndDocumentEndMarkersReadAsNothing()
    {
        Assert.Equal(ManifestReadResult.Empty.Objects, Reader.ReadText(string.Empty, "e.yaml").Objects);
        var result = Reader.ReadText("# nothing here\n...\n", "e.yaml");
        Assert.Empty(result.Objects);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void JsonDocumentInAYamlFileReads()
    {
        var text = """
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass",
             "metadata": {"name": "portico"}, "spec": {"controllerName": "portico.dev/gateway"}}
            """;

        var result = Reader.ReadText(text, "gc.yaml");

        Assert.Empty(result.Diagnostics);
        var gatewayClass = Assert.IsType<GatewayClass>(Assert.Single(result.Objects).Object);
        Assert.Equal("portico.dev/gateway", gatewayClass.Spec.ControllerName);
    }

    [Fact]
    public void UnknownKindIsAWarningNamingFileAndLineAndIsSkipped()
    {
        var text = Namespace("a") + Lines("---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: web", "spec:", "  replicas: 2");

        var result = Reader.ReadText(text, "guide.yaml");

        Assert.Equal(["a"], result.Objects.Select(o => o.Object.Name));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("guide.yaml:6:1: warning: skipped apps/v1 Deployment \"web\": not a kind Portico reads", warning.ToString());
        Assert.False(result.HasErrors);
        Assert.Empty(result.FailingFiles);
    }

    [Fact]
    public void KnownKindWithUnknownVersionIsAWarning()
    {
        var text = Lines("apiVersion: gateway.networking.k8s.io/v1alpha2", "kind: GRPCRoute", "metadata:", "  name: r");

        var warning = Assert.Single(Reader.ReadText(text, "r.yaml").Diagnostics);

        Assert.Equal(
            "r.yaml:1:1: warning: skipped gateway.networking.k8s.io/v1alpha2 GRPCRoute \"r\": unsupported version (Portico reads gateway.networking.k8s.io/v1)",
            warning.ToString());
    }

    [Fact]
    public void SameKindNameInAnotherGroupIsAnUnknownKind()
    {
        var text = Lines("apiVersion: networking.istio.io/v1beta1", "kind: Gateway", "metadata:", "  name: istio");

        var result = Reader.ReadText(text, "istio.yaml");

        Assert.Empty(result.Objects);
        Assert.EndsWith("not a kind Portico reads", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingNamespaceDefaultsForNamespacedKinds()
    {
        var text = Lines("apiVersion: v1", "kind: Service", "metadata:", "  name: web", "---", "apiVersion: v1", "kind: Service", "metadata:", "  name: api", "  namespace: prod");

        var result = Reader.ReadText(text, "svc.yaml");

        Assert.Equal(["default/web", "prod/api"], result.Objects.Select(o => o.Object.FullName));
    }

    [Fact]
    public void ClusterScopedKindWithANamespaceWarnsAndDropsIt()
    {
        var text = Lines("apiVersion: gateway.networking.k8s.io/v1", "kind: GatewayClass", "metadata:", "  name: portico", "  namespace: prod", "spec:", "  controllerName: x");

        var result = Reader.ReadText(text, "gc.yaml");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("gc.yaml:5:3: warning: metadata.namespace: GatewayClass is cluster-scoped; namespace \"prod\" is ignored", warning.ToString());
        var gatewayClass = Assert.Single(result.Objects).Object;
        Assert.Null(gatewayClass.Metadata.Namespace);
        Assert.Equal("portico", gatewayClass.FullName);
    }

    [Fact]
    public void GenerationAndCreationTimestampAreStampedUnlessGiven()
    {
        var text = Namespace("a") + Lines("---", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: b", "  generation: 7", "  creationTimestamp: 2020-05-06T07:08:09Z");

        var result = Reader.ReadText(text, "ns.yaml");

        var a = result.Objects[0].Object;
        var b = result.Objects[1].Object;
        Assert.Equal(1, a.Metadata.Generation);
        Assert.Equal(ManualClock.Start, a.Metadata.CreationTimestamp);
        Assert.Equal(7, b.Metadata.Generation);
        Assert.Equal(new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.Zero), b.Metadata.CreationTimestamp);
    }

    [Theory]
    [InlineData("2020-05-06T07:08:09Z")]
    [InlineData("2020-05-06T07:08:09.250Z")]
    [InlineData("2020-05-06T09:08:09+02:00")]
    [InlineData("2020-05-06T09:08:09.250+02:00")]
    public void CreationTimestampAcceptsRfc3339WithZoneAndFraction(string value)
    {
        var result = Reader.ReadText(Lines("apiVersion: v1", "kind: Namespace", "metadata:", "  name: b", "  creationTimestamp: " + value), "ns.yaml");

        var stamp = Assert.Single(result.Objects).Object.Metadata.CreationTimestamp;
        Assert.Equal(new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.Zero), stamp!.Value.AddMilliseconds(-stamp.Value.Millisecond));
    }

    [Fact]
    public void StampedCreationTimestampHasWholeSeconds()
    {
        var reader = new ManifestReader(new ManualClock(ManualClock.Start.AddMilliseconds(1234.5)));

        var stamped = Assert.Single(reader.ReadText(Namespace("a"), "ns.yaml").Objects).Object.Metadata.CreationTimestamp;

        Assert.Equal(ManualClock.Start.AddSeconds(1), stamped);
    }

    [Fact]
    public void CrdDefaultsApply()
    {
        var text = Lines(
            "apiVersion: gateway.networking.k8s.io/v1",
            "kind: HTTPRoute",
            "metadata:",
            "  name: bare",
            "spec:",
            "  parentRefs:",
            "    - name: gw",
            "---",
            "apiVersion: gateway.networking.k8s.io/v1",
            "kind: HTTPRoute",
            "metadata:",
            "  name: backends",
            "spec:",
            "  rules:",
            "    - backendRefs:",
            "        - name: web",
            "          port: 8080");

        var result = Reader.ReadText(text, "routes.yaml");

        Assert.Empty(result.Diagnostics);
        var bare = Assert.IsType<HttpRoute>(result.Objects[0].Object);
        var parent = Assert.Single(bare.Spec.ParentRefs);
        Assert.Equal(("gateway.networking.k8s.io", "Gateway"), (parent.Group, parent.Kind));
        var rule = Assert.Single(bare.Spec.Rules);
        var match = Assert.Single(rule.Matches);
        Assert.Equal(("PathPrefix", "/"), (match.Path!.Type, match.Path.Value));

        var backend = Assert.Single(Assert.Single(Assert.IsType<HttpRoute>(result.Objects[1].Object).Spec.Rules).BackendRefs);
        Assert.Equal((1, "", "Service", 8080), (backend.Weight, backend.Group, backend.Kind, backend.Port));
    }

    [Fact]
    public void GatewayListenerDefaults()
    {
        var text = Lines(
            "apiVersion: gateway.networking.k8s.io/v1", "kind: Gateway", "metadata:", "  name: gw", "spec:", "  gatewayClassName: portico",
            "  listeners:", "    - name: https", "      port: 443", "      protocol: HTTPS", "      tls:", "        certificateRefs:", "          - name: cert");

        var gateway = Assert.IsType<Gateway>(Assert.Single(Reader.ReadText(text, "gw.yaml").Objects).Object);

        var listener = Assert.Single(gateway.Spec.Listeners);
        Assert.Equal("Same", listener.AllowedRoutes.Namespaces.From);
        Assert.Equal("Terminate", listener.Tls!.Mode);
        var certificate = Assert.Single(listener.Tls.CertificateRefs);
        Assert.Equal(("", "Secret", "cert"), (certificate.Group, certificate.Kind, certificate.Name));
    }

    [Fact]
    public void NullAndEmptyValuesMeanUnset()
    {
        var text = Lines("apiVersion: v1", "kind: Service", "metadata:", "  name: web", "  labels:", "spec:", "  type: ~", "  ports: null");

        var service = Assert.IsType<Service>(Assert.Single(Reader.ReadText(text, "svc.yaml").Objects).Object);

        Assert.Empty(service.Metadata.Labels);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Empty(service.Spec.Ports);
    }

    [Fact]
    public void YamlCoreSchemaScalarsReachTheModel()
    {
        var text = Lines(
            "apiVersion: v1", "kind: Secret", "metadata:", "  name: s",
            "  annotations:", "    quoted-true: \"true\"", "    yes-is-a-string: yes", "    block: |", "      line one", "      line two",
            "immutable: TRUE",
            "stringData:", "  port: '8080'");

        var secret = Assert.IsType<Secret>(Assert.Single(Reader.ReadText(text, "s.yaml").Objects).Object);

        Assert.Equal("true", secret.Metadata.Annotations["quoted-true"]);
        Assert.Equal("yes", secret.Metadata.Annotations["yes-is-a-string"]);
        Assert.Equal("line one\nline two\n", secret.Metadata.Annotations["block"]);
        Assert.True(secret.Immutable);
        Assert.Equal("8080", secret.StringData["port"]);
    }

    [Fact]
    public void KubectlListIsReadItemByItem()
    {
        var text = Lines(
            "apiVersion: v1", "kind: List", "items:",
            "  - apiVersion: v1", "    kind: Namespace", "    metadata:", "      name: a",
            "  - apiVersion: v1", "    kind: Namespace", "    metadata:", "      name: b", "      bogus: 1");

        var result = Reader.ReadText(text, "list.yaml");

        Assert.Equal("list.yaml:12:7: error: items[1].metadata.bogus: unknown field \"bogus\"", Assert.Single(result.Diagnostics).ToString());
        Assert.Empty(result.Objects);

        var good = Reader.ReadText(text.Replace("      bogus: 1\n", string.Empty, StringComparison.Ordinal), "list.yaml");
        Assert.Equal([("a", 4), ("b", 8)], good.Objects.Select(o => (o.Object.Name, o.Line)));
    }

    [Fact]
    public void DuplicateInOneFileNamesBothLines()
    {
        var result = Reader.ReadText(Namespace("a") + "---\n" + Namespace("a"), "ns.yaml");

        Assert.Equal("ns.yaml:6:1: error: duplicate Namespace a: already defined at ns.yaml:1", Assert.Single(result.Diagnostics).ToString());
        Assert.Equal(["ns.yaml"], result.FailingFiles);
    }

    [Fact]
    public void ReferenceGrantVersionsAreTheSameKindAcrossFiles()
    {
        using var dir = new TempDirectory();
        var grant = "kind: ReferenceGrant\nmetadata:\n  name: g\n  namespace: backends\nspec:\n  from: []\n  to: []\n";
        dir.Write("a.yaml", "apiVersion: gateway.networking.k8s.io/v1\n" + grant);
        dir.Write("b.yaml", "# the beta one\napiVersion: gateway.networking.k8s.io/v1beta1\n" + grant);

        var result = Reader.Read([dir.Path]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal($"{Path.Join(dir.Path, "b.yaml")}:2:1: error: duplicate ReferenceGrant backends/g: already defined at {Path.Join(dir.Path, "a.yaml")}:1", error.ToString());
        var kept = Assert.Single(result.Objects);
        Assert.Equal("gateway.networking.k8s.io/v1", kept.Object.ApiVersion);
    }

    [Fact]
    public void DirectoriesAreReadRecursivelyInOrdinalPathOrder()
    {
        using var dir = new TempDirectory();
        dir.Write("b.yaml", Namespace("from-b"));
        dir.Write("a/z.yml", Namespace("from-a-z"));
        dir.Write("B.YAML", Namespace("from-upper-b"));
        dir.Write("a/notes.txt", "not: yaml: at all");
        dir.Write(".hidden/x.yaml", Namespace("hidden"));
        dir.Write("a/.swap.yaml", Namespace("swap"));

        var result = Reader.Read([dir.Path]);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["from-upper-b", "from-a-z", "from-b"], result.Objects.Select(o => o.Object.Name));
        Assert.Equal(Path.Join(dir.Path, "a", "z.yml"), result.Objects[1].File);
    }

    [Fact]
    public void RepeatedConfigPathsAreReadOnce()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("ns.yaml", Namespace("a"));

        var result = Reader.Read([dir.Path, file, dir.Path]);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Objects);
    }

    [Fact]
    public void OneBadFileDoesNotStopTheOthers()
    {
        using var dir = new TempDirectory();
        dir.Write("good.yaml", Namespace("good"));
        var bad = dir.Write("bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: [\n");

        var result = Reader.Read([dir.Path]);

        Assert.True(result.HasErrors);
        Assert.Equal([bad], result.FailingFiles);
        Assert.Equal(["good"], result.Objects.Select(o => o.Object.Name));
        Assert.All(result.Diagnostics, d => Assert.Equal(bad, d.File));
    }

    [Fact]
    public void ResultFeedsASnapshot()
    {
        var text = Namespace("z") + "---\n" + Namespace("a") +
            Lines("---", "apiVersion: v1", "kind: Service", "metadata:", "  name: web", "spec:", "  type: ExternalName", "  externalName: example.com");

        var snapshot = Reader.ReadText(text, "all.yaml").ToSnapshot();

        Assert.Equal(["a", "z"], snapshot.Namespaces.Select(n => n.Name));
        Assert.Equal("example.com", Assert.Single(snapshot.Services).Spec.ExternalName);
        Assert.IsType<ResourceSnapshot>(snapshot);
    }
}
