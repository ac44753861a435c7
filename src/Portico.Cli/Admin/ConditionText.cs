using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Admin;

/// <summary>Condition summaries for table columns (PROGRAMMED, ACCEPTED).</summary>
internal static class ConditionText
{
    /// <summary>The status of condition <paramref name="type"/>, or <c>Unknown</c> when absent (as kubectl shows).</summary>
    public static string StatusOf(IEnumerable<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal))?.Status ?? ConditionStatus.Unknown;

    /// <summary>
    /// A route's ACCEPTED over all its parents: the common status when they agree, else <c>N/M</c> parents accepted;
    /// <c>Unknown</c> when no parent belongs to this gateway (nothing reported).
    /// </summary>
    public static string RouteAccepted(RouteStatus? status)
    {
        var parents = status?.Parents ?? [];
        if (parents.Count == 0)
        {
            return ConditionStatus.Unknown;
        }

        var statuses = parents.Select(p => StatusOf(p.Conditions, ConditionType.Accepted)).ToList();
        if (statuses.All(s => s == statuses[0]))
        {
            return statuses[0];
        }

        return $"{statuses.Count(static s => s == ConditionStatus.True)}/{statuses.Count}";
    }
}
