using System.Runtime.CompilerServices;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Snapshot;

namespace Portico.Translation.Context;

/// <summary>Read-only indexes over one snapshot, built once per translation.</summary>
internal sealed class TranslationContext
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ns, string Name), Service> _services = [];
    private readonly Dictionary<(string Ns, string Service), List<EndpointSlice>> _slices = [];
    private readonly Dictionary<(string Ns, string Name), Secret> _secrets = [];
    private readonly Dictionary<string, List<ReferenceGrant>> _grants = new(StringComparer.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public TranslationContext(ResourceSnapshot snapshot, TranslatorOptions options)
    {
        Snapshot = snapshot;
        Options = options;
        foreach (var ns in snapshot.Namespaces)
        {
            _namespaceLabels[ns.Name] = WithNameLabel(ns.Name, ns.Metadata.Labels);
        }

        foreach (var s in snapshot.Services)
        {
            _services[(s.Namespace, s.Name)] = s;
        }

        foreach (var slice in snapshot.EndpointSlices)
        {
            if (slice.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var service))
            {
                var key = (slice.Namespace, service);
                if (!_slices.TryGetValue(key, out var list))
                {
                    _slices[key] = list = [];
                }

                list.Add(slice);
            }
        }

        foreach (var s in snapshot.Secrets)
        {
            _secrets[(s.Namespace, s.Name)] = s;
        }

        foreach (var g in snapshot.ReferenceGrants)
        {
            if (!_grants.TryGetValue(g.Namespace, out var list))
            {
                _grants[g.Namespace] = list = [];
            }

            list.Add(g);
        }
    }

    public ResourceSnapshot Snapshot { get; }

    public TranslatorOptions Options { get; }

    /// <summary>
    /// A namespace's labels. The API server labels every namespace <c>kubernetes.io/metadata.name</c>; standalone
    /// manifests get the same, and a namespace that no manifest declares has only that label.
    /// </summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels(string ns) =>
        _namespaceLabels.TryGetValue(ns, out var labels) ? labels : WithNameLabel(ns, NoLabels);

    public Service? FindService(string ns, string name) => _services.GetValueOrDefault((ns, name));

    public IReadOnlyList<EndpointSlice> SlicesFor(string ns, string service) =>
        _slices.TryGetValue((ns, service), out var list) ? list : [];

    public Secret? FindSecret(string ns, string name) => _secrets.GetValueOrDefault((ns, name));

    /// <summary>
    /// Whether a ReferenceGrant in <paramref name="toNamespace"/> lets objects of <paramref name="fromKind"/> in
    /// <paramref name="fromNamespace"/> refer to <paramref name="toKind"/> <paramref name="toName"/>. Every field
    /// must match exactly (reference §4); grants are additive.
    /// </summary>
    public bool IsReferencePermitted(string fromGroup, string fromKind, string fromNamespace, string toGroup, string toKind, string toNamespace, string toName)
    {
        if (!_grants.TryGetValue(toNamespace, out var grants))
        {
            return false;
        }

        foreach (var grant in grants)
        {
            var fromOk = false;
            foreach (var f in grant.Spec.From)
            {
                if (f.Group == fromGroup && f.Kind == fromKind && f.Namespace == fromNamespace)
                {
                    fromOk = true;
                    break;
                }
            }

            if (!fromOk)
            {
                continue;
            }

            foreach (var t in grant.Spec.To)
            {
                if (t.Group == toGroup && t.Kind == toKind && (string.IsNullOrEmpty(t.Name) || t.Name == toName))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, string> WithNameLabel(string ns, IReadOnlyDictionary<string, string> labels)
    {
        var result = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        result.TryAdd("kubernetes.io/metadata.name", ns);
        return result;
    }
}
