using System.Globalization;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Admin;

/// <summary>
/// <c>portico describe gateway</c>: metadata, the spec's listeners, the Gateway's conditions, each listener's
/// status (attached routes, supported kinds, conditions), and the routes attached to it by name.
/// </summary>
internal static class GatewayDescriber
{
    public static void Write(DescribeWriter w, Gateway gateway, AdminObjects objects)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(objects);
        w.Metadata(gateway);
        w.Section(0, "Spec");
        w.Field(1, "Gateway Class", gateway.Spec.GatewayClassName);
        w.Field(1, "Addresses", RefText.List(gateway.Spec.Addresses.Select(static a => a.Value ?? $"({a.Type})")));
        w.Section(1, "Listeners");
        foreach (var l in gateway.Spec.Listeners)
        {
            w.Field(2, "Name", l.Name);
            w.Field(3, "Port", l.Port);
            w.Field(3, "Protocol", l.Protocol);
            w.Field(3, "Hostname", l.Hostname ?? "* (any)");
            w.Field(3, "Allowed Routes", AllowedRoutes(l.AllowedRoutes));
            if (l.Tls is { } tls)
            {
                w.Field(3, "TLS", $"{tls.Mode} certificates {RefText.List(tls.CertificateRefs.Select(static c => c.Name))}");
            }
        }

        var status = gateway.Status;
        w.Section(0, "Status");
        if (status is null)
        {
            w.Line(1, "<none> (no GatewayClass of this gateway's controller names this Gateway's class)");
        }
        else
        {
            w.Field(1, "Addresses", RefText.List(status.Addresses.Select(static a => a.Value)));
            w.Conditions(1, status.Conditions);
            w.Section(1, "Listeners");
            foreach (var l in status.Listeners)
            {
                w.Field(2, "Name", l.Name);
                w.Field(3, "Attached Routes", l.AttachedRoutes);
                w.Field(3, "Supported Kinds", RefText.List(l.SupportedKinds.Select(static k => k.Kind)));
                w.Conditions(3, l.Conditions);
            }
        }

        w.Section(0, "Attached Routes");
        var attached = AttachedRoutes(gateway, objects);
        if (attached.Count == 0)
        {
            w.Line(1, "<none>");
        }
        else
        {
            var table = new TextTable("KIND", "NAMESPACE", "NAME", "LISTENER", "ACCEPTED", "RESOLVEDREFS") { Indent = "  " };
            foreach (var row in attached)
            {
                table.Add(row);
            }

            table.Write(w.Writer);
        }

        w.Field(0, "Events", "<none>");
    }

    /// <summary>Routes whose status names this Gateway as a parent: kind, namespace, name, listener, Accepted, ResolvedRefs.</summary>
    private static List<string[]> AttachedRoutes(Gateway gateway, AdminObjects objects)
    {
        var rows = new List<string[]>();
        var routes = objects.GrpcRoutes.Select(static r => ((KubeObject)r, r.Status))
            .Concat(objects.HttpRoutes.Select(static r => ((KubeObject)r, r.Status)));
        foreach (var (route, status) in routes)
        {
            foreach (var parent in status?.Parents ?? [])
            {
                var p = parent.ParentRef;
                if (!string.Equals(p.Kind, GatewayApiGroup.GatewayKind, StringComparison.Ordinal) ||
                    !string.Equals(p.Name, gateway.Name, StringComparison.Ordinal) ||
                    !string.Equals(p.Namespace ?? route.Namespace, gateway.Namespace, StringComparison.Ordinal))
                {
                    continue;
                }

                var listener = p.SectionName ?? (p.Port is { } port ? "port " + port.ToString(CultureInfo.InvariantCulture) : "*");
                rows.Add([route.Kind, route.Namespace, route.Name, listener,
                    ConditionText.StatusOf(parent.Conditions, ConditionType.Accepted),
                    ConditionText.StatusOf(parent.Conditions, ConditionType.ResolvedRefs)]);
            }
        }

        return [.. rows.OrderBy(static r => r[0], StringComparer.Ordinal).ThenBy(static r => r[1], StringComparer.Ordinal).ThenBy(static r => r[2], StringComparer.Ordinal)];
    }

    private static string AllowedRoutes(AllowedRoutes allowed)
    {
        var from = allowed.Namespaces.From;
        if (allowed.Namespaces.Selector is { } selector)
        {
            from += " " + LabelSelectorText(selector);
        }

        var kinds = allowed.Kinds.Count == 0 ? "kinds for the protocol" : "kinds " + string.Join(",", allowed.Kinds.Select(static k => k.Kind));
        return $"namespaces from {from}; {kinds}";
    }

    private static string LabelSelectorText(LabelSelector selector)
    {
        var parts = selector.MatchLabels.Select(static kv => $"{kv.Key}={kv.Value}")
            .Concat(selector.MatchExpressions.Select(static e => $"{e.Key} {e.Operator} ({string.Join(",", e.Values)})"));
        return "{" + string.Join(", ", parts) + "}";
    }
}
