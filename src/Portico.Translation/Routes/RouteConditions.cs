using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// The two conditions nearly every route reports (<c>Accepted</c> "Route is accepted", <c>ResolvedRefs</c> "All
/// references resolved"), one instance per generation per translation instead of one per route: conditions are
/// immutable records, so sharing them changes nothing in the output.
/// </summary>
internal sealed class RouteConditions
{
    private readonly Dictionary<long, Condition> _accepted = [];
    private readonly Dictionary<long, Condition> _resolved = [];

    public Condition Accepted(long generation) => Get(_accepted, ConditionType.Accepted, ConditionReason.Accepted, "Route is accepted", generation);

    public Condition Resolved(long generation) => Get(_resolved, ConditionType.ResolvedRefs, ConditionReason.ResolvedRefs, "All references resolved", generation);

    private static Condition Get(Dictionary<long, Condition> cache, string type, string reason, string message, long generation)
    {
        if (!cache.TryGetValue(generation, out var c))
        {
            cache[generation] = c = Conditions.Make(type, true, reason, message, generation);
        }

        return c;
    }
}
