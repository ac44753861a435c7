using System.Globalization;
using Portico.Cli.Output;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Admin;

/// <summary>
/// <c>portico describe grpcroute|httproute</c>: metadata, parentRefs, hostnames, each rule (matches, filters,
/// backends with weights and their share), and per parent the conditions the gateway reported.
/// </summary>
internal static class RouteDescriber
{
    private sealed record RuleView(string? Name, IReadOnlyList<string> Matches, IReadOnlyList<string> Filters,
        IReadOnlyList<(BackendObjectReference Ref, int Weight, int FilterCount)> Backends, string? Timeouts);

    public static void Write(DescribeWriter w, KubeObject route)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(route);
        var (parents, hostnames, rules, status) = route switch
        {
            GrpcRoute r => (r.Spec.ParentRefs, r.Spec.Hostnames, r.Spec.Rules.Select(Grpc).ToList(), r.Status),
            HttpRoute r => (r.Spec.ParentRefs, r.Spec.Hostnames, r.Spec.Rules.Select(Http).ToList(), r.Status),
            _ => throw new ArgumentException($"{route.Kind} is not a route", nameof(route)),
        };

        w.Metadata(route);
        w.Section(0, "Spec");
        w.Section(1, "Parent Refs");
        foreach (var p in parents)
        {
            w.Line(2, ObjectName.Of(p, route.Namespace));
        }

        w.Field(1, "Hostnames", hostnames.Count == 0 ? "* (every hostname the listener accepts)" : string.Join(", ", hostnames));
        w.Section(1, "Rules");
        for (var i = 0; i < rules.Count; i++)
        {
            WriteRule(w, i, rules[i], route.Namespace);
        }

        w.Section(0, "Status");
        if (status is null || status.Parents.Count == 0)
        {
            w.Line(1, "<none> (no parent of this route belongs to this gateway's controller)");
        }
        else
        {
            w.Section(1, "Parents");
            foreach (var parent in status.Parents)
            {
                w.Field(2, "Parent Ref", ObjectName.Of(parent.ParentRef, route.Namespace));
                w.Field(3, "Controller", parent.ControllerName);
                w.Conditions(3, parent.Conditions);
            }
        }

        w.Field(0, "Events", "<none>");
    }

    private static void WriteRule(DescribeWriter w, int index, RuleView rule, string ns)
    {
        w.Section(2, rule.Name is { Length: > 0 } name ? $"Rule {index} ({name})" : $"Rule {index}");
        w.Section(3, "Matches");
        foreach (var m in rule.Matches)
        {
            w.Line(4, m);
        }

        if (rule.Filters.Count > 0)
        {
            w.Field(3, "Filters", string.Join(", ", rule.Filters));
        }

        if (rule.Timeouts is not null)
        {
            w.Field(3, "Timeouts", rule.Timeouts);
        }

        w.Section(3, "Backends");
        if (rule.Backends.Count == 0)
        {
            w.Line(4, "<none> (requests get UNIMPLEMENTED / 500)");
            return;
        }

        var total = rule.Backends.Sum(static b => (long)b.Weight);
        var table = new TextTable("BACKEND", "WEIGHT", "SHARE", "FILTERS") { Indent = new string(' ', 8) };
        foreach (var (reference, weight, filters) in rule.Backends)
        {
            var kind = string.Equals(reference.Kind, GatewayApiGroup.ServiceKind, StringComparison.Ordinal) ? "Service" : reference.Kind;
            var share = total == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * weight / total:0.#}%");
            table.Add($"{kind} {reference.Namespace ?? ns}/{reference.Name}:{reference.Port?.ToString(CultureInfo.InvariantCulture) ?? "?"}",
                weight.ToString(CultureInfo.InvariantCulture), share, filters == 0 ? string.Empty : filters.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(w.Writer);
    }

    private static RuleView Grpc(GrpcRouteRule r) => new(
        r.Name,
        r.Matches.Count == 0 ? ["grpc * (every gRPC request)"] : [.. r.Matches.Select(MatchText.Grpc)],
        [.. r.Filters.Select(static f => f.Type)],
        [.. r.BackendRefs.Select(static b => ((BackendObjectReference)b, b.Weight, b.Filters.Count))],
        null);

    private static RuleView Http(HttpRouteRule r) => new(
        r.Name,
        r.Matches.Count == 0 ? ["http PathPrefix /"] : [.. r.Matches.Select(MatchText.Http)],
        [.. r.Filters.Select(static f => f.Type)],
        [.. r.BackendRefs.Select(static b => ((BackendObjectReference)b, b.Weight, b.Filters.Count))],
        r.Timeouts is { } t ? string.Join(", ", new[] { t.Request is null ? null : "request " + t.Request, t.BackendRequest is null ? null : "backendRequest " + t.BackendRequest }.OfType<string>()) : null);
}
