using Portico.Model.GatewayApi;
using Portico.Routing.Matching;
using Portico.Translation.Common;
using Portico.Translation.Table;

namespace Portico.Translation.Routes.Grpc;

/// <summary>A translated GRPCRoute.</summary>
internal sealed class GrpcRouteUnit(GrpcRoute route, List<RuleUnit<GrpcMatchSpec>> rules, IReadOnlyList<string> dropped, IReadOnlyList<Problem> refProblems)
    : RouteUnit<GrpcMatchSpec>(route, GatewayApiGroup.GrpcRouteKind, route.Spec.ParentRefs, route.Spec.Hostnames, rules, dropped, refProblems)
{
    public override void Reserve(VirtualHostBuilder host) => host.ReserveGrpc(EntryCount);

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
                var entry = new GrpcRouteEntry
                {
                    Id = $"grpcroute/{route.Namespace}/{route.Name}/rule/{rule.Index}/match/{(m.Index < 0 ? 0 : m.Index)}",
                    Source = new RouteSource
                    {
                        Kind = Kind, Namespace = route.Namespace, Name = route.Name, Rule = rule.Index, RuleName = rule.Name, Match = m.Index,
                    },
                    Method = m.Method,
                    Headers = m.Headers,
                    Action = rule.Action,
                };

                // Reference §1.4: service characters, method characters, header count (hostname is the virtual host's).
                var specificity = new Specificity(m.Method.Service?.Length ?? 0, m.Method.Method?.Length ?? 0, m.Headers.Count);
                host.Add(new RankedEntry<GrpcRouteEntry>(entry, specificity, created, route.Namespace, route.Name, rule.Index, m.Index));
            }
        }
    }
}
