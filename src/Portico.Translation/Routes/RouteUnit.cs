using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Translation.Common;
using Portico.Translation.Table;

namespace Portico.Translation.Routes;

/// <summary>What both route kinds share once translated: identity, parents, hostnames, kept and dropped rules.</summary>
internal abstract class RouteUnit<TMatch>(KubeObject route, string kind, IReadOnlyList<ParentReference> parentRefs, IReadOnlyList<string> hostnames,
    List<RuleUnit<TMatch>> rules, IReadOnlyList<string> dropped, IReadOnlyList<Problem> refProblems) : IRouteUnit
{
    public KubeObject Route => route;

    public string Kind => kind;

    public IReadOnlyList<ParentReference> ParentRefs => parentRefs;

    public IReadOnlyList<string> Hostnames { get; } = Lowered(hostnames);

    public int ValidRuleCount => rules.Count;

    public abstract void Reserve(VirtualHostBuilder host);

    /// <summary>How many entries <see cref="Emit"/> adds per hostname (matches of the kept rules).</summary>
    protected int EntryCount
    {
        get
        {
            var count = 0;
            for (var i = 0; i < rules.Count; i++)
            {
                count += rules[i].Matches.Count;
            }

            return count;
        }
    }

    public string? SpecError { get; } = RouteHostnames.Validate(hostnames);

    public IReadOnlyList<string> DroppedRules => dropped;

    public IReadOnlyList<Problem> RefProblems => refProblems;

    protected IReadOnlyList<RuleUnit<TMatch>> Rules => rules;

    /// <summary>Route age, the first tie-break after specificity (oldest first).</summary>
    protected DateTimeOffset Created => route.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;

    public abstract void Emit(string hostname, VirtualHostBuilder host);

    /// <summary>The hostnames lower-cased; the route's own (immutable) list when they already are.</summary>
    private static IReadOnlyList<string> Lowered(IReadOnlyList<string> hostnames)
    {
        for (var i = 0; i < hostnames.Count; i++)
        {
            if (!ReferenceEquals(hostnames[i].ToLowerInvariant(), hostnames[i]))
            {
                var result = new string[hostnames.Count];
                for (var j = 0; j < result.Length; j++)
                {
                    result[j] = hostnames[j].ToLowerInvariant();
                }

                return result;
            }
        }

        return hostnames;
    }
}
