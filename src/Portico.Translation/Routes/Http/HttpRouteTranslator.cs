using Portico.Model.GatewayApi;
using Portico.Routing.Actions;
using Portico.Translation.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Routes.Http;

/// <summary>An HTTPRoute's rules; a rule with an invalid value is dropped and reported, the others stand.</summary>
internal static class HttpRouteTranslator
{
    public static HttpRouteUnit Translate(HttpRoute route, BackendResolver backends)
    {
        var kind = GatewayApiGroup.HttpRouteKind;
        var rules = new List<RuleUnit<HttpMatchSpec>>();
        var dropped = new List<string>();
        var refProblems = new List<Problem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var filters = new FilterTranslator(backends, kind, route.Namespace, grpc: false);
        for (var i = 0; i < route.Spec.Rules.Count; i++)
        {
            var rule = route.Spec.Rules[i];
            var field = $"spec.rules[{i}]";
            var ruleProblems = new List<Problem>();
            var error = RuleNames.CheckUnique(rule.Name, i, names);

            var matches = new List<HttpMatchSpec>();
            var ruleMatches = rule.Matches.Count == 0 ? [new HttpRouteMatch()] : rule.Matches;
            string? Apply(FilterSet set, HttpRouteFilter f, string where, List<Problem> problems) => ApplyFilter(filters, set, f, where, problems);
            var ruleFilters = new FilterSet();
            var refs = new List<BackendRefInput>();
            error ??= RuleParts.Matches(ruleMatches, HttpMatchCompiler.Compile, field, matches)
                ?? RuleParts.Filters(rule.Filters, Apply, ruleFilters, field, ruleProblems)
                ?? RuleParts.BackendRefs(rule.BackendRefs, b => b.Weight, b => b.Filters, Apply, field, ruleProblems, refs,
                    (set, bField) => CheckPrefixRewrite(set, matches, bField));

            error ??= CheckPrefixRewrite(ruleFilters, matches, field);
            if (error is null && ruleFilters.Redirect is not null && rule.BackendRefs.Count > 0)
            {
                error = $"{field}: a RequestRedirect filter cannot be combined with backendRefs";
            }

            var timeouts = default((TimeSpan?, TimeSpan?));
            if (error is null)
            {
                (timeouts, error) = Timeouts(rule.Timeouts, field);
            }

            if (error is not null)
            {
                dropped.Add($"Dropped Rule {i}: {error}");
                continue;
            }

            var action = DestinationBuilder.Build(ruleFilters, refs, backends, kind, route.Namespace, grpc: false, $"HTTPRoute {route.FullName} {field}", ruleProblems, timeouts);
            refProblems.AddRange(ruleProblems);
            rules.Add(new RuleUnit<HttpMatchSpec>(i, rule.Name, matches, action));
        }

        return new HttpRouteUnit(route, rules, dropped, refProblems);
    }

    private static string? ApplyFilter(FilterTranslator t, FilterSet set, HttpRouteFilter f, string field, List<Problem> refProblems) => f.Type switch
    {
        FilterType.RequestHeaderModifier => t.HeaderModifier(set, request: true, f.RequestHeaderModifier, field),
        FilterType.ResponseHeaderModifier => t.HeaderModifier(set, request: false, f.ResponseHeaderModifier, field),
        FilterType.RequestMirror => t.Mirror(set, f.RequestMirror, field, refProblems),
        FilterType.RequestRedirect => HttpRedirects.Redirect(set, f.RequestRedirect, field),
        FilterType.UrlRewrite => HttpRedirects.Rewrite(set, f.UrlRewrite, field),
        FilterType.ExtensionRef => FilterTranslator.ExtensionRef(set, f.ExtensionRef, field, refProblems),
        FilterType.Cors or FilterType.ExternalAuth => $"{field}.type {f.Type} is not supported by Portico yet",
        _ => $"{field}.type \"{f.Type}\" is not an HTTPRoute filter",
    };

    /// <summary>CEL: ReplacePrefixMatch needs exactly one match, and it must be a PathPrefix.</summary>
    private static string? CheckPrefixRewrite(FilterSet set, List<HttpMatchSpec> matches, string field)
    {
        var usesPrefix = set.Redirect?.Path?.Kind == PathRewriteKind.ReplacePrefixMatch || set.Rewrite?.Path?.Kind == PathRewriteKind.ReplacePrefixMatch;
        if (usesPrefix && (matches.Count != 1 || matches[0].Path.Kind != Routing.Matching.PathMatchKind.PathPrefix))
        {
            return $"{field}: ReplacePrefixMatch requires the rule to have exactly one match, of type PathPrefix";
        }

        return null;
    }

    private static ((TimeSpan?, TimeSpan?) Timeouts, string? Error) Timeouts(HttpRouteTimeouts? t, string field)
    {
        if (t is null)
        {
            return (default, null);
        }

        TimeSpan? request = null, backend = null;
        if (t.Request is { } r)
        {
            if (!Durations.TryParse(r, out var v))
            {
                return (default, $"{field}.timeouts.request \"{r}\" is not a duration such as 10s, 500ms or 1h30m");
            }

            request = v == TimeSpan.Zero ? null : v; // "0s" disables the timeout.
        }

        if (t.BackendRequest is { } b)
        {
            if (!Durations.TryParse(b, out var v))
            {
                return (default, $"{field}.timeouts.backendRequest \"{b}\" is not a duration such as 10s, 500ms or 1h30m");
            }

            backend = v == TimeSpan.Zero ? null : v;
        }

        if (request is { } rq && backend is { } bk && bk > rq)
        {
            return (default, $"{field}.timeouts.backendRequest ({t.BackendRequest}) must not exceed timeouts.request ({t.Request})");
        }

        return ((request, backend), null);
    }
}
