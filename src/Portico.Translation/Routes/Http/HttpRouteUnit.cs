using Portico.Model.GatewayApi;
using Portico.Routing.Actions;
using Portico.Routing.Matching;
using Portico.Translation.Common;
using Portico.Translation.Table;

namespace Portico.Translation.Routes.Http;

/// <summary>A translated HTTPRoute.</summary>
internal sealed class HttpRouteUnit(HttpRoute route, List<RuleUnit<HttpMatchSpec>> rules, IReadOnlyList<string> dropped, IReadOnlyList<Problem> refProblems)
    : RouteUnit<HttpMatchSpec>(route, GatewayApiGroup.HttpRouteKind, route.Spec.ParentRefs, route.Spec.Hostnames, rules, dropped, refProblems)
{
    public override void Reserve(VirtualHostBuilder host) => host.ReserveHttp(EntryCount);

    public override void Emit(string hostname, VirtualHostBuilder host)
    {
        var created = Created;
        var rules = Rules;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            for (var j = 0; j < rule.Matches.Count; j++)
            {
                var m = rule.Matches[j];
                var entry = new HttpRouteEntry
                {
                    Id = $"httproute/{route.Namespace}/{route.Name}/rule/{rule.Index}/match/{m.Index}",
                    Source = new RouteSource
                    {
                        Kind = Kind, Namespace = route.Namespace, Name = route.Name, Rule = rule.Index, RuleName = rule.Name, Match = m.Index,
                    },
                    Path = m.Path,
                    Method = m.Method,
                    Headers = m.Headers,
                    QueryParams = m.QueryParams,
                    Action = WithMatchedPrefix(rule.Action, m.Path),
                };

                // Reference §5: Exact path, then (Portico's choice for the implementation-specific regex) regular
                // expressions, then the longest prefix; then method, header count, query parameter count.
                var pathRank = m.Path.Kind switch { PathMatchKind.Exact => 2, PathMatchKind.RegularExpression => 1, _ => 0 };
                var specificity = new Specificity(pathRank, m.Path.Value.Length, m.Method is null ? 0 : 1, m.Headers.Count, m.QueryParams.Count);
                host.Add(new RankedEntry<HttpRouteEntry>(entry, specificity, created, route.Namespace, route.Name, rule.Index, m.Index));
            }
        }
    }

    /// <summary>ReplacePrefixMatch needs the prefix this entry matched; each entry carries its own copy.</summary>
    private static RouteAction WithMatchedPrefix(RouteAction action, PathMatch path)
    {
        if (path.Kind != PathMatchKind.PathPrefix)
        {
            return action;
        }

        static PathRewrite? Fix(PathRewrite? p, string prefix) =>
            p is { Kind: PathRewriteKind.ReplacePrefixMatch } ? p with { MatchedPrefix = prefix } : p;

        return action with
        {
            Redirect = action.Redirect is { } r ? r with { Path = Fix(r.Path, path.Value) } : null,
            Rewrite = action.Rewrite is { } w ? w with { Path = Fix(w.Path, path.Value) } : null,
            Destinations = [.. action.Destinations.Select(d => d with
            {
                Redirect = d.Redirect is { } dr ? dr with { Path = Fix(dr.Path, path.Value) } : null,
                Rewrite = d.Rewrite is { } dw ? dw with { Path = Fix(dw.Path, path.Value) } : null,
            })],
        };
    }
}
