using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Demo;

/// <summary>
/// Finds the Secrets that HTTPS listeners name (TLS mode Terminate) and what their certificates must cover: the
/// listener's hostname when it has one (<c>*.api.example.com</c>); otherwise the hostnames of the routes attached
/// to the listener, each with the wildcard one level up (<c>api.example.com</c> → <c>*.example.com</c>), so other
/// names under the same domain work too; <c>localhost</c> when there are none.
/// </summary>
internal static class TlsSecretNeeds
{
    public static IReadOnlyList<TlsSecretNeed> Find(IReadOnlyList<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var names = new Dictionary<(string, string), List<string>>();
        foreach (var gateway in objects.OfType<Gateway>().OrderBy(g => g.FullName, StringComparer.Ordinal))
        {
            foreach (var listener in gateway.Spec.Listeners)
            {
                if (listener.Tls is not { } tls || !string.Equals(tls.Mode, "Terminate", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var reference in tls.CertificateRefs)
                {
                    if (reference.Group.Length != 0 || !string.Equals(reference.Kind, GatewayApiGroup.SecretKind, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var key = (reference.Namespace ?? gateway.Namespace, reference.Name);
                    if (!names.TryGetValue(key, out var list))
                    {
                        names[key] = list = [];
                    }

                    AddDistinct(list, listener.Hostname is { Length: > 0 } host ? [host] : RouteHostnames(objects, gateway, listener));
                }
            }
        }

        return [.. names.Select(n => new TlsSecretNeed(n.Key.Item1, n.Key.Item2, n.Value.Count == 0 ? ["localhost"] : n.Value))];
    }

    private static List<string> RouteHostnames(IReadOnlyList<KubeObject> objects, Gateway gateway, Listener listener)
    {
        var hostnames = new List<string>();
        foreach (var route in objects)
        {
            var (parents, routeHosts) = route switch
            {
                GrpcRoute r => (r.Spec.ParentRefs, r.Spec.Hostnames),
                HttpRoute r => (r.Spec.ParentRefs, r.Spec.Hostnames),
                _ => ((IReadOnlyList<ParentReference>)[], (IReadOnlyList<string>)[]),
            };
            if (parents.Any(p => Attaches(p, route.Namespace, gateway, listener)))
            {
                AddDistinct(hostnames, routeHosts);
            }
        }

        var wildcards = hostnames.Where(h => !h.StartsWith('*') && h.Count(c => c == '.') >= 2)
            .Select(h => "*" + h[h.IndexOf('.', StringComparison.Ordinal)..])
            .ToList();
        AddDistinct(hostnames, wildcards);
        return hostnames;
    }

    private static bool Attaches(ParentReference parent, string routeNamespace, Gateway gateway, Listener listener) =>
        string.Equals(parent.Group, GatewayApiGroup.Name, StringComparison.Ordinal) &&
        string.Equals(parent.Kind, GatewayApiGroup.GatewayKind, StringComparison.Ordinal) &&
        string.Equals(parent.Name, gateway.Name, StringComparison.Ordinal) &&
        string.Equals(parent.Namespace ?? routeNamespace, gateway.Namespace, StringComparison.Ordinal) &&
        (parent.SectionName is null || string.Equals(parent.SectionName, listener.Name, StringComparison.Ordinal)) &&
        (parent.Port is null || parent.Port == listener.Port);

    private static void AddDistinct(List<string> list, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var lower = name.ToLowerInvariant();
            if (!list.Contains(lower, StringComparer.Ordinal))
            {
                list.Add(lower);
            }
        }
    }
}
