using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// Applies one route kind's filters to a <see cref="FilterSet"/> (an interface, not a delegate, so the per-rule
/// loops of <see cref="RuleParts"/> allocate no closures).
/// </summary>
internal interface IFilterApplier<TFilter>
{
    /// <returns>Null when the filter is usable, else the message that drops the rule.</returns>
    string? Apply(FilterSet set, TFilter filter, FieldPath field, List<Problem> problems);

    /// <summary>Extra validation of one backendRef after its filters; null when it passes.</summary>
    string? CheckBackendRef(FilterSet set, FieldPath field);
}
