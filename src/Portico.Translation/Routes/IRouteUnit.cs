using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Translation.Common;
using Portico.Translation.Table;

namespace Portico.Translation.Routes;

/// <summary>A translated route of either kind: what attachment, status and the table builder need.</summary>
internal interface IRouteUnit
{
    KubeObject Route { get; }

    /// <summary><c>GRPCRoute</c> or <c>HTTPRoute</c>.</summary>
    string Kind { get; }

    IReadOnlyList<ParentReference> ParentRefs { get; }

    /// <summary>Lower-cased <c>spec.hostnames</c>.</summary>
    IReadOnlyList<string> Hostnames { get; }

    int ValidRuleCount { get; }

    /// <summary>Announces to <paramref name="host"/> the entries <see cref="Emit"/> will add to it.</summary>
    void Reserve(VirtualHostBuilder host);

    /// <summary>A route-level value the CRD would refuse (a hostname that is an IP or a bare <c>*</c>), or null.</summary>
    string? SpecError { get; }

    /// <summary>One message per dropped rule, starting "Dropped Rule".</summary>
    IReadOnlyList<string> DroppedRules { get; }

    /// <summary>ResolvedRefs problems of the kept rules.</summary>
    IReadOnlyList<Problem> RefProblems { get; }

    /// <summary>Adds this route's entries for one intersected hostname of one listener.</summary>
    void Emit(string hostname, VirtualHostBuilder host);
}
