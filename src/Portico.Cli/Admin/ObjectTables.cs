using System.Globalization;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Admin;

/// <summary>
/// The tables of <c>portico get</c>, one row per object, columns as kubectl prints them for the Gateway API CRDs
/// (plus NAMESPACE first with <c>-A</c>, and more columns with <c>-o wide</c>).
/// </summary>
internal static class ObjectTables
{
    public static TextTable Build(ResourceType type, IReadOnlyList<AdminObject> items, bool allNamespaces, bool wide, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(items);
        var (headers, row) = type.Kind switch
        {
            GatewayApiGroup.GatewayClassKind => GatewayClasses(wide),
            GatewayApiGroup.GatewayKind => Gateways(wide),
            GatewayApiGroup.GrpcRouteKind or GatewayApiGroup.HttpRouteKind => Routes(wide),
            GatewayApiGroup.ReferenceGrantKind => ReferenceGrants(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "no table for this kind"),
        };

        var namespaced = allNamespaces && type.Namespaced;
        var table = new TextTable(namespaced ? ["NAMESPACE", .. headers, "AGE"] : [.. headers, "AGE"]);
        foreach (var item in items)
        {
            var o = item.Object;
            var age = HumanAge.Of(o.Metadata.CreationTimestamp, now);
            var cells = row(o);
            table.Add(namespaced ? [o.Namespace, .. cells, age] : [.. cells, age]);
        }

        return table;
    }

    private static (string[] Headers, Func<KubeObject, string[]> Row) GatewayClasses(bool wide) =>
        (wide ? ["NAME", "CONTROLLER", "ACCEPTED", "DESCRIPTION"] : ["NAME", "CONTROLLER", "ACCEPTED"], o =>
        {
            var c = (GatewayClass)o;
            var accepted = ConditionText.StatusOf(c.Status?.Conditions, ConditionType.Accepted);
            return wide ? [c.Name, c.Spec.ControllerName, accepted, c.Spec.Description ?? string.Empty] : [c.Name, c.Spec.ControllerName, accepted];
        });

    private static (string[] Headers, Func<KubeObject, string[]> Row) Gateways(bool wide) =>
        (wide ? ["NAME", "CLASS", "ADDRESS", "PROGRAMMED", "ACCEPTED", "LISTENERS", "ATTACHED"] : ["NAME", "CLASS", "ADDRESS", "PROGRAMMED"], o =>
        {
            var g = (Gateway)o;
            var address = g.Status?.Addresses.FirstOrDefault()?.Value ?? string.Empty;
            var programmed = ConditionText.StatusOf(g.Status?.Conditions, ConditionType.Programmed);
            if (!wide)
            {
                return [g.Name, g.Spec.GatewayClassName, address, programmed];
            }

            var listeners = RefText.List(g.Spec.Listeners.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name}:{l.Port}/{l.Protocol}")));
            var attached = (g.Status?.Listeners.Sum(static l => l.AttachedRoutes) ?? 0).ToString(CultureInfo.InvariantCulture);
            return [g.Name, g.Spec.GatewayClassName, address, programmed, ConditionText.StatusOf(g.Status?.Conditions, ConditionType.Accepted), listeners, attached];
        });

    private static (string[] Headers, Func<KubeObject, string[]> Row) Routes(bool wide) =>
        (wide ? ["NAME", "HOSTNAMES", "PARENTS", "ACCEPTED", "RESOLVED", "RULES", "BACKENDS"] : ["NAME", "HOSTNAMES", "PARENTS", "ACCEPTED"], o =>
        {
            var (parents, hostnames, status, rules, backends) = o switch
            {
                GrpcRoute r => (r.Spec.ParentRefs, r.Spec.Hostnames, r.Status, r.Spec.Rules.Count,
                    r.Spec.Rules.SelectMany(x => x.BackendRefs).Select(b => WeightedBackend(b, b.Weight, o.Namespace))),
                HttpRoute r => (r.Spec.ParentRefs, r.Spec.Hostnames, r.Status, r.Spec.Rules.Count,
                    r.Spec.Rules.SelectMany(x => x.BackendRefs).Select(b => WeightedBackend(b, b.Weight, o.Namespace))),
                _ => throw new ArgumentException($"{o.Kind} is not a route", nameof(o)),
            };

            // An empty hostnames list matches every host the listener takes.
            var hosts = RefText.List(hostnames, empty: "*");
            var parentText = RefText.List(parents.Select(p => RefText.Parent(p, o.Namespace)));
            var accepted = ConditionText.RouteAccepted(status);
            if (!wide)
            {
                return [o.Name, hosts, parentText, accepted];
            }

            var resolved = status is null || status.Parents.Count == 0
                ? ConditionStatus.Unknown
                : status.Parents.All(p => ConditionText.StatusOf(p.Conditions, ConditionType.ResolvedRefs) == ConditionStatus.True) ? ConditionStatus.True : ConditionStatus.False;
            return [o.Name, hosts, parentText, accepted, resolved, rules.ToString(CultureInfo.InvariantCulture), RefText.List(backends)];
        });

    private static (string[] Headers, Func<KubeObject, string[]> Row) ReferenceGrants() =>
        (["NAME", "FROM", "TO"], o =>
        {
            var g = (ReferenceGrant)o;
            var from = RefText.List(g.Spec.From.Select(static f => $"{f.Kind}/{f.Namespace}"));
            var to = RefText.List(g.Spec.To.Select(static t => t.Name is { Length: > 0 } n ? $"{t.Kind}/{n}" : t.Kind));
            return [g.Name, from, to];
        });

    private static string WeightedBackend(BackendObjectReference b, int weight, string ownNamespace) =>
        string.Create(CultureInfo.InvariantCulture, $"{RefText.Backend(b, ownNamespace)}({weight})");
}
