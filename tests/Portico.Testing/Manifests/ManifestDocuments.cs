namespace Portico.Testing;

/// <summary>Builds the YAML tree of each resource kind; field names follow the Kubernetes and Gateway API schemas.</summary>
internal static class ManifestDocuments
{
    public const string GatewayApiV1 = "gateway.networking.k8s.io/v1";
    public const string GatewayApiV1Beta1 = "gateway.networking.k8s.io/v1beta1";
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static YamlMap Header(string apiVersion, string kind, string name, string? ns, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new YamlMap().Set("name", name).Set("namespace", ns).SetPairs("labels", labels);
        return new YamlMap().Set("apiVersion", apiVersion).Set("kind", kind).Set("metadata", metadata);
    }

    public static YamlMap Listener(GatewayListener listener)
    {
        var map = new YamlMap()
            .Set("name", listener.Name)
            .Set("protocol", listener.Protocol)
            .Set("port", listener.Port)
            .Set("hostname", listener.Hostname);
        if (listener.CertificateRefs.Count > 0 || listener.TlsMode != "Terminate")
        {
            var refs = listener.CertificateRefs
                .Select(r => (object)new YamlMap().Set("kind", "Secret").Set("name", r.Name).Set("namespace", r.Namespace))
                .ToList();
            map.Set("tls", new YamlMap().Set("mode", listener.TlsMode).Set("certificateRefs", refs.Count == 0 ? null : refs));
        }

        var namespaces = new YamlMap().Set("from", listener.AllowedRoutesFrom);
        if (listener.AllowedRoutesSelector is { } selector)
        {
            namespaces.Set("selector", new YamlMap().SetPairs("matchLabels", selector));
        }

        var allowed = new YamlMap();
        if (namespaces.Count > 0)
        {
            allowed.Set("namespaces", namespaces);
        }

        if (listener.AllowedKinds.Count > 0)
        {
            allowed.Set("kinds", listener.AllowedKinds.Select(k => (object)new YamlMap().Set("kind", k)).ToList());
        }

        return allowed.Count == 0 ? map : map.Set("allowedRoutes", allowed);
    }

    public static YamlMap Route(string kind, string name, string ns, IEnumerable<ParentRef> parentRefs, IEnumerable<string>? hostnames, object rules)
    {
        var parents = parentRefs.Select(p => (object)new YamlMap()
            .Set("name", p.Name)
            .Set("namespace", p.Namespace)
            .Set("sectionName", p.SectionName)
            .Set("port", p.Port)).ToList();
        var spec = new YamlMap().Set("parentRefs", parents);
        var hosts = hostnames?.Cast<object>().ToList();
        if (hosts is { Count: > 0 })
        {
            spec.Set("hostnames", hosts);
        }

        spec.Set("rules", rules);
        return Header(GatewayApiV1, kind, name, ns).Set("spec", spec);
    }

    public static List<object> Rules(IEnumerable<RouteRule> rules) => rules.Select(Rule).ToList();

    private static object Rule(RouteRule rule)
    {
        var map = new YamlMap().Set("name", rule.Name);
        if (rule.Matches.Count > 0)
        {
            map.Set("matches", rule.Matches.Select(m => (object)new RawYaml(m)).ToList());
        }

        if (rule.Filters.Count > 0)
        {
            map.Set("filters", rule.Filters.Select(f => (object)new RawYaml(f)).ToList());
        }

        if (rule.BackendRefs.Count > 0)
        {
            map.Set("backendRefs", rule.BackendRefs.Select(b => (object)new YamlMap()
                .Set("group", b.Group)
                .Set("kind", b.Kind)
                .Set("name", b.Name)
                .Set("namespace", b.Namespace)
                .Set("port", b.Port)
                .Set("weight", b.Weight)
                .Set("filters", b.FiltersYaml is null ? null : new RawYaml(b.FiltersYaml))).ToList());
        }

        if (rule.ExtraYaml is null)
        {
            return map.Count == 0 ? new YamlMap() : map;
        }

        // Extra fields are appended as raw text after the typed ones: render the typed part, then the snippet.
        var typed = map.Count == 0 ? string.Empty : YamlEmitter.Write(map);
        return new RawYaml(typed + new RawYaml(rule.ExtraYaml).Indented(0));
    }

    public static YamlMap Service(string name, string ns, IReadOnlyList<ServicePortSpec> ports)
    {
        var spec = new YamlMap()
            .Set("type", "ClusterIP")
            .Set("ports", ports.Select(p => (object)new YamlMap()
                .Set("name", p.Name)
                .Set("protocol", "TCP")
                .Set("port", p.Port)
                .Set("appProtocol", p.AppProtocol)).ToList());
        return Header("v1", "Service", name, ns).Set("spec", spec);
    }

    /// <summary>
    /// One slice per distinct endpoint port: a slice's ports apply to all of its endpoints, and test backends share
    /// 127.0.0.1 with different ports. Every Service port maps to the endpoint's port under the Service port's name.
    /// </summary>
    public static IEnumerable<YamlMap> EndpointSlices(string service, string ns, IReadOnlyList<ServicePortSpec> ports, IEnumerable<EndpointTarget> endpoints)
    {
        foreach (var group in endpoints.GroupBy(e => e.Port).OrderBy(g => g.Key))
        {
            var labels = new Dictionary<string, string>
            {
                [ServiceNameLabel] = service,
                ["endpointslice.kubernetes.io/managed-by"] = "portico-testing",
            };
            var slice = Header("discovery.k8s.io/v1", "EndpointSlice", $"{service}-{group.Key}", ns, labels)
                .Set("addressType", "IPv4")
                .Set("ports", ports.Select(p => (object)new YamlMap()
                    .Set("name", p.Name ?? string.Empty)
                    .Set("protocol", "TCP")
                    .Set("port", group.Key)
                    .Set("appProtocol", p.AppProtocol)).ToList())
                .Set("endpoints", group.Select(e => (object)new YamlMap()
                    .Set("addresses", new List<object> { e.Address })
                    .Set("conditions", new YamlMap()
                        .Set("ready", e.Ready)
                        .Set("serving", e.Serving)
                        .Set("terminating", e.Terminating))).ToList());
            yield return slice;
        }
    }
}
