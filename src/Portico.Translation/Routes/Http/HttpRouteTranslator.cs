using Portico.Model.GatewayApi;
using Portico.Routing.Actions;
using Portico.Translation.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Routes.Http;

/// <summary>
/// An HTTPRoute's rules; a rule with an invalid value is dropped and reported, the others stand. One per translation:
/// its scratch lists are reused from route to route, and a valid rule builds no message or field-path string.
/// </summary>
internal sealed class HttpRouteTranslator(BackendResolver backends) : IFilterApplier<HttpRouteFilter>
{
    private const string Kind = GatewayApiGroup.HttpRouteKind;
    private static readonly IReadOnlyList<HttpRouteMatch> MatchAll = [new HttpRouteMatch()];

    private readonly FilterTranslator _filters = new(backends, Kind, grpc: false);
    private readonly List<Problem> _problems = [];
    private readonly List<BackendRefInput> _refs = [];
    private string _namespace = string.Empty;
    private List<HttpMatchSpec> _matches = [];

    public HttpRouteUnit Translate(HttpRoute route)
    {
        _namespace = route.Namespace;
        _problems.Clear();
        var ruleCount = route.Spec.Rules.Count;
        var rules = new List<RuleUnit<HttpMatchSpec>>(ruleCount);
        List<string>? dropped = null;
        HashSet<string>? names = null;
        for (var i = 0; i < ruleCount; i++)
        {
            var rule = route.Spec.Rules[i];
            var field = FieldPath.Of("spec.rules", i);
            var problemsBefore = _problems.Count; // this rule's problems count only if the rule is kept.
            var error = RuleNames.CheckUnique(rule.Name, i, ref names);

            var ruleMatches = rule.Matches.Count == 0 ? MatchAll : rule.Matches;
            var matches = _matches = new List<HttpMatchSpec>(ruleMatches.Count);
            var ruleFilters = rule.Filters.Count == 0 ? FilterSet.None : new FilterSet();
            _refs.Clear();
            error ??= RuleParts.Matches(ruleMatches, HttpMatchCompiler.Compile, field, matches)
                ?? RuleParts.Filters(rule.Filters, this, ruleFilters, field, _problems)
                ?? RuleParts.BackendRefs<HttpBackendRef, HttpRouteFilter, HttpRouteTranslator>(rule.BackendRefs, static b => b.Weight, static b => b.Filters, this, field, _problems, _refs);

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
                _problems.RemoveRange(problemsBefore, _problems.Count - problemsBefore);
                (dropped ??= []).Add($"Dropped Rule {i}: {error}");
                continue;
            }

            var action = DestinationBuilder.Build(ruleFilters, _refs, backends, Kind, route, grpc: false, field, _problems, timeouts);
            rules.Add(new RuleUnit<HttpMatchSpec>(i, rule.Name, matches, action));
        }

        return new HttpRouteUnit(route, rules, dropped is null ? [] : dropped, _problems.Count == 0 ? [] : _problems.ToArray());
    }

    public string? Apply(FilterSet set, HttpRouteFilter f, FieldPath field, List<Problem> refProblems) => f.Type switch
    {
        FilterType.RequestHeaderModifier => FilterTranslator.HeaderModifier(set, request: true, f.RequestHeaderModifier, field),
        FilterType.ResponseHeaderModifier => FilterTranslator.HeaderModifier(set, request: false, f.ResponseHeaderModifier, field),
        FilterType.RequestMirror => _filters.Mirror(set, f.RequestMirror, _namespace, field, refProblems),
        FilterType.RequestRedirect => HttpRedirects.Redirect(set, f.RequestRedirect, field),
        FilterType.UrlRewrite => HttpRedirects.Rewrite(set, f.UrlRewrite, field),
        FilterType.ExtensionRef => FilterTranslator.ExtensionRef(set, f.ExtensionRef, field, refProblems),
        FilterType.Cors or FilterType.ExternalAuth => $"{field}.type {f.Type} is not supported by Portico yet",
        _ => $"{field}.type \"{f.Type}\" is not an HTTPRoute filter",
    };

    /// <summary>A backendRef's own ReplacePrefixMatch needs the same single PathPrefix match as the rule's.</summary>
    public string? CheckBackendRef(FilterSet set, FieldPath field) => CheckPrefixRewrite(set, _matches, field);

    /// <summary>CEL: ReplacePrefixMatch needs exactly one match, and it must be a PathPrefix.</summary>
    private static string? CheckPrefixRewrite(FilterSet set, List<HttpMatchSpec> matches, FieldPath field)
    {
        var usesPrefix = set.Redirect?.Path?.Kind == PathRewriteKind.ReplacePrefixMatch || set.Rewrite?.Path?.Kind == PathRewriteKind.ReplacePrefixMatch;
        if (usesPrefix && (matches.Count != 1 || matches[0].Path.Kind != Routing.Matching.PathMatchKind.PathPrefix))
        {
            return $"{field}: ReplacePrefixMatch requires the rule to have exactly one match, of type PathPrefix";
        }

        return null;
    }

    private static ((TimeSpan?, TimeSpan?) Timeouts, string? Error) Timeouts(HttpRouteTimeouts? t, FieldPath field)
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
