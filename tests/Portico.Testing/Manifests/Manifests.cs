
namespace Portico.Testing;

/// <summary>
/// Builds a multi-document YAML manifest for Portico's file provider. Each method appends documents and returns
/// this builder; <see cref="ToYaml"/> joins them with <c>---</c>. Objects go to <see cref="DefaultNamespace"/>
/// unless <c>ns</c> says otherwise.
/// </summary>
public sealed class Manifests
{
    /// <summary>Portico's GatewayClass controller name.</summary>
    public const string ControllerName = "portico.dev/gateway-controller";

    public const string DefaultClassName = "portico";

    private readonly List<string> _documents = [];

    public Manifests(string defaultNamespace = "default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultNamespace);
        DefaultNamespace = defaultNamespace;
    }

    public string DefaultNamespace { get; }

    /// <summary>Number of YAML documents so far.</summary>
    public int Count => _documents.Count;

    /// <summary>A Namespace; the <c>kubernetes.io/metadata.name</c> label is added as the API server would.</summary>
    public Manifests Namespace(string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        var all = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return Add(ManifestDocuments.Header("v1", "Namespace", name, null, all));
    }

    public Manifests GatewayClass(string name = DefaultClassName, string controllerName = ControllerName) =>
        Add(ManifestDocuments.Header(ManifestDocuments.GatewayApiV1, "GatewayClass", name, null)
            .Set("spec", new YamlMap().Set("controllerName", controllerName)));

    public Manifests Gateway(string name, IEnumerable<GatewayListener> listeners, string className = DefaultClassName, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        var spec = new YamlMap()
            .Set("gatewayClassName", className)
            .Set("listeners", listeners.Select(l => (object)ManifestDocuments.Listener(l)).ToList());
        return Add(ManifestDocuments.Header(ManifestDocuments.GatewayApiV1, "Gateway", name, ns ?? DefaultNamespace).Set("spec", spec));
    }

    public Manifests GrpcRoute(string name, IEnumerable<ParentRef> parentRefs, IEnumerable<string>? hostnames, IEnumerable<RouteRule> rules, string? ns = null) =>
        Route("GRPCRoute", name, parentRefs, hostnames, ManifestDocuments.Rules(rules), ns);

    /// <summary>A GRPCRoute whose <c>rules</c> are given as a raw YAML list (any indentation).</summary>
    public Manifests GrpcRoute(string name, IEnumerable<ParentRef> parentRefs, IEnumerable<string>? hostnames, string rulesYaml, string? ns = null) =>
        Route("GRPCRoute", name, parentRefs, hostnames, new RawYaml(rulesYaml), ns);

    public Manifests HttpRoute(string name, IEnumerable<ParentRef> parentRefs, IEnumerable<string>? hostnames, IEnumerable<RouteRule> rules, string? ns = null) =>
        Route("HTTPRoute", name, parentRefs, hostnames, ManifestDocuments.Rules(rules), ns);

    /// <summary>An HTTPRoute whose <c>rules</c> are given as a raw YAML list (any indentation).</summary>
    public Manifests HttpRoute(string name, IEnumerable<ParentRef> parentRefs, IEnumerable<string>? hostnames, string rulesYaml, string? ns = null) =>
        Route("HTTPRoute", name, parentRefs, hostnames, new RawYaml(rulesYaml), ns);

    /// <summary>
    /// A Service with one port plus EndpointSlices pointing at <paramref name="backends"/> (all ready).
    /// Defaults suit gRPC backends: port name <c>grpc</c>, appProtocol <c>kubernetes.io/h2c</c>.
    /// </summary>
    public Manifests Service(string name, IEnumerable<TestBackend> backends, int port = 8080, string? portName = "grpc", string? appProtocol = AppProtocols.H2c, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        return Service(name, [new ServicePortSpec(portName, port) { AppProtocol = appProtocol }], backends.Select(b => EndpointTarget.For(b)), ns);
    }

    /// <summary>A Service plus its EndpointSlices; every Service port maps to each endpoint's port.</summary>
    public Manifests Service(string name, IEnumerable<ServicePortSpec> ports, IEnumerable<EndpointTarget> endpoints, string? ns = null)
    {
        var portList = ports?.ToList() ?? throw new ArgumentNullException(nameof(ports));
        ServiceOnly(name, portList, ns);
        return EndpointSlices(name, portList, endpoints, ns);
    }

    /// <summary>Just the Service, for tests that keep its EndpointSlices in another file.</summary>
    public Manifests ServiceOnly(string name, IEnumerable<ServicePortSpec> ports, string? ns = null) =>
        Add(ManifestDocuments.Service(name, ns ?? DefaultNamespace, [.. ports]));

    /// <summary>Just the EndpointSlices of Service <paramref name="service"/> (none when <paramref name="endpoints"/> is empty).</summary>
    public Manifests EndpointSlices(string service, IEnumerable<ServicePortSpec> ports, IEnumerable<EndpointTarget> endpoints, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var targets = endpoints.ToList();
        targets.ForEach(t => t.Validate());
        foreach (var slice in ManifestDocuments.EndpointSlices(service, ns ?? DefaultNamespace, [.. ports], targets))
        {
            Add(slice);
        }

        return this;
    }

    /// <summary>A <c>kubernetes.io/tls</c> Secret holding <paramref name="certificate"/> and its key (base64 PEM).</summary>
    public Manifests TlsSecret(string name, TestCertificate certificate, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Secret(name, certificate.SecretData, "kubernetes.io/tls", ns);
    }

    /// <summary>A Secret with base64 <c>data</c>.</summary>
    public Manifests Secret(string name, IReadOnlyDictionary<string, string> data, string type = "Opaque", string? ns = null) =>
        Add(ManifestDocuments.Header("v1", "Secret", name, ns ?? DefaultNamespace).Set("type", type).SetPairs("data", data));

    /// <summary>A ReferenceGrant (v1beta1) in <paramref name="ns"/>, the namespace of the referenced objects.</summary>
    public Manifests ReferenceGrant(string name, IEnumerable<GrantFrom> from, IEnumerable<GrantTo> to, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var spec = new YamlMap()
            .Set("from", from.Select(f => (object)new YamlMap().Set("group", f.Group).Set("kind", f.Kind).Set("namespace", f.Namespace)).ToList())
            .Set("to", to.Select(t => (object)new YamlMap().Set("group", t.Group).Set("kind", t.Kind).Set("name", t.Name)).ToList());
        return Add(ManifestDocuments.Header(ManifestDocuments.GatewayApiV1Beta1, "ReferenceGrant", name, ns ?? DefaultNamespace).Set("spec", spec));
    }

    /// <summary>Appends YAML written by hand (one or more documents).</summary>
    public Manifests Raw(string yaml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yaml);
        _documents.Add(new RawYaml(yaml).Indented(0));
        return this;
    }

    /// <summary>All documents, separated by <c>---</c>.</summary>
    public string ToYaml() => string.Join("---\n", _documents);

    public override string ToString() => ToYaml();

    private Manifests Route(string kind, string name, IEnumerable<ParentRef> parentRefs, IEnumerable<string>? hostnames, object rules, string? ns)
    {
        ArgumentNullException.ThrowIfNull(parentRefs);
        return Add(ManifestDocuments.Route(kind, name, ns ?? DefaultNamespace, parentRefs, hostnames, rules));
    }

    private Manifests Add(YamlMap document)
    {
        _documents.Add(YamlEmitter.Write(document));
        return this;
    }
}
