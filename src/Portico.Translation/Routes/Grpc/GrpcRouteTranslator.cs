using Portico.Model.GatewayApi;
using Portico.Translation.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Routes.Grpc;

/// <summary>
/// A GRPCRoute's rules: matches, filters, backends. A rule with an invalid value is dropped (and reported as such);
/// the others stand. One per translation: its scratch lists are reused from route to route, and a valid rule builds
/// no message or field-path string.
/// </summary>
internal sealed class GrpcRouteTranslator(BackendResolver backends) : IFilterApplier<GrpcRouteFilter>
{
    private const string Kind = GatewayApiGroup.GrpcRouteKind;

    private readonly FilterTranslator _filters = new(backends, Kind, grpc: true);
    private readonly List<Problem> _problems = [];
    private readonly List<BackendRefInput> _refs = [];
    private string _namespace = string.Empty;

    public GrpcRouteUnit Translate(GrpcRoute route)
    {
        _namespace = route.Namespace;
        _problems.Clear();
        var ruleCount = route.Spec.Rules.Count;
        var rules = new List<RuleUnit<GrpcMatchSpec>>(ruleCount);
        List<string>? dropped = null;
        HashSet<string>? names = null;
        for (var i = 0; i < ruleCount; i++)
        {
            var rule = route.Spec.Rules[i];
            var field = FieldPath.Of("spec.rules", i);
            var problemsBefore = _problems.Count; // this rule's problems count only if the rule is kept.
            var error = RuleNames.CheckUnique(rule.Name, i, ref names);

            var matches = new List<GrpcMatchSpec>(Math.Max(1, rule.Matches.Count));
            if (rule.Matches.Count == 0)
            {
                matches.Add(new GrpcMatchSpec(-1, new Routing.Matching.GrpcMethodMatch(), []));
            }

            var ruleFilters = rule.Filters.Count == 0 ? FilterSet.None : new FilterSet();
            _refs.Clear();
            error ??= RuleParts.Matches(rule.Matches, GrpcMatchCompiler.Compile, field, matches)
                ?? RuleParts.Filters(rule.Filters, this, ruleFilters, field, _problems)
                ?? RuleParts.BackendRefs<GrpcBackendRef, GrpcRouteFilter, GrpcRouteTranslator>(rule.BackendRefs, static b => b.Weight, static b => b.Filters, this, field, _problems, _refs);

            if (error is not null)
            {
                _problems.RemoveRange(problemsBefore, _problems.Count - problemsBefore);
                (dropped ??= []).Add($"Dropped Rule {i}: {error}");
                continue;
            }

            var action = DestinationBuilder.Build(ruleFilters, _refs, backends, Kind, route, grpc: true, field, _problems);
            rules.Add(new RuleUnit<GrpcMatchSpec>(i, rule.Name, matches, action));
        }

        return new GrpcRouteUnit(route, rules, dropped is null ? [] : dropped, _problems.Count == 0 ? [] : _problems.ToArray());
    }

    public string? Apply(FilterSet set, GrpcRouteFilter f, FieldPath field, List<Problem> refProblems) => f.Type switch
    {
        FilterType.RequestHeaderModifier => FilterTranslator.HeaderModifier(set, request: true, f.RequestHeaderModifier, field),
        FilterType.ResponseHeaderModifier => FilterTranslator.HeaderModifier(set, request: false, f.ResponseHeaderModifier, field),
        FilterType.RequestMirror => _filters.Mirror(set, f.RequestMirror, _namespace, field, refProblems),
        FilterType.ExtensionRef => FilterTranslator.ExtensionRef(set, f.ExtensionRef, field, refProblems),
        _ => $"{field}.type \"{f.Type}\" is not a GRPCRoute filter (RequestHeaderModifier, ResponseHeaderModifier, RequestMirror, ExtensionRef)",
    };

    public string? CheckBackendRef(FilterSet set, FieldPath field) => null;
}
