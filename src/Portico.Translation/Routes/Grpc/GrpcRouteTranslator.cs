using Portico.Model.GatewayApi;
using Portico.Translation.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Routes.Grpc;

/// <summary>
/// A GRPCRoute's rules: matches, filters, backends. A rule with an invalid value is dropped (and reported as such);
/// the others stand.
/// </summary>
internal static class GrpcRouteTranslator
{
    public static GrpcRouteUnit Translate(GrpcRoute route, BackendResolver backends)
    {
        var kind = GatewayApiGroup.GrpcRouteKind;
        var rules = new List<RuleUnit<GrpcMatchSpec>>();
        var dropped = new List<string>();
        var refProblems = new List<Problem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var filters = new FilterTranslator(backends, kind, route.Namespace, grpc: true);
        for (var i = 0; i < route.Spec.Rules.Count; i++)
        {
            var rule = route.Spec.Rules[i];
            var field = $"spec.rules[{i}]";
            var ruleProblems = new List<Problem>();
            var error = RuleNames.CheckUnique(rule.Name, i, names);

            var matches = new List<GrpcMatchSpec>();
            if (rule.Matches.Count == 0)
            {
                matches.Add(new GrpcMatchSpec(-1, new Routing.Matching.GrpcMethodMatch(), []));
            }

            string? Apply(FilterSet set, GrpcRouteFilter f, string where, List<Problem> problems) => ApplyFilter(filters, set, f, where, problems);
            var ruleFilters = new FilterSet();
            var refs = new List<BackendRefInput>();
            error ??= RuleParts.Matches(rule.Matches, GrpcMatchCompiler.Compile, field, matches)
                ?? RuleParts.Filters(rule.Filters, Apply, ruleFilters, field, ruleProblems)
                ?? RuleParts.BackendRefs(rule.BackendRefs, b => b.Weight, b => b.Filters, Apply, field, ruleProblems, refs);

            if (error is not null)
            {
                dropped.Add($"Dropped Rule {i}: {error}");
                continue;
            }

            var action = DestinationBuilder.Build(ruleFilters, refs, backends, kind, route.Namespace, grpc: true, $"GRPCRoute {route.FullName} {field}", ruleProblems);
            refProblems.AddRange(ruleProblems);
            rules.Add(new RuleUnit<GrpcMatchSpec>(i, rule.Name, matches, action));
        }

        return new GrpcRouteUnit(route, rules, dropped, refProblems);
    }

    private static string? ApplyFilter(FilterTranslator t, FilterSet set, GrpcRouteFilter f, string field, List<Problem> refProblems) => f.Type switch
    {
        FilterType.RequestHeaderModifier => t.HeaderModifier(set, request: true, f.RequestHeaderModifier, field),
        FilterType.ResponseHeaderModifier => t.HeaderModifier(set, request: false, f.ResponseHeaderModifier, field),
        FilterType.RequestMirror => t.Mirror(set, f.RequestMirror, field, refProblems),
        FilterType.ExtensionRef => FilterTranslator.ExtensionRef(set, f.ExtensionRef, field, refProblems),
        _ => $"{field}.type \"{f.Type}\" is not a GRPCRoute filter (RequestHeaderModifier, ResponseHeaderModifier, RequestMirror, ExtensionRef)",
    };
}
