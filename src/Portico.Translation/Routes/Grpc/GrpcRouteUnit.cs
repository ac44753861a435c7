using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Routing.Matching;
using Portico.Translation.Common;
using Portico.Translation.Table;

namespace Portico.Translation.Routes.Grpc;

/// <summary>A translated GRPCRoute.</summary>
internal sealed class GrpcRouteUnit(GrpcRoute route, List<RuleUnit<GrpcMatchSpec>> rules, List<string> dropped, List<Problem> refProblems) : IRouteUnit
{
    public KubeObject Route => route;

    public string Kind => GatewayApiGroup.GrpcRouteKind;

    public IReadOnlyList<ParentReference> ParentRefs => route.Spec.ParentRefs;

    public IReadOnlyList<string> Hostnames { get; } = [.. route.Spec.Hostnames.Select(h => h.ToLowerInvariant())];

    public int ValidRuleCount => rules.Count;

    public string? SpecError { get; } = RouteHostnames.Validate(route.Spec.Hostnames);

    public IReadOnlyList<string> DroppedRules => dropped;

    public IReadOnlyList<Problem> RefProblems => refProblems;

    public void Emit(string hostname, VirtualHostBuilder host)
    {
        var created = route.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;
        foreach (var rule in rules)
        {
            foreach (var m in rule.Matches)
            {
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
                int[] specificity = [m.Method.Service?.Length ?? 0, m.Method.Method?.Length ?? 0, m.Headers.Count];
                host.Add(new RankedEntry<GrpcRouteEntry>(entry, specificity, created, route.Namespace, route.Name, rule.Index, m.Index));
            }
        }
    }
}
