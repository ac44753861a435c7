using Portico.Model.GatewayApi;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// The parts of a rule both route kinds read the same way: matches, a filter list, and backendRefs with their own
/// filters. Each returns null when the part is usable, or the message that drops the rule.
/// </summary>
internal static class RuleParts
{
    public static string? Matches<TIn, TOut>(IReadOnlyList<TIn> matches, Func<TIn, int, FieldPath, (TOut? Match, string? Error)> compile, FieldPath field, List<TOut> output)
        where TOut : class
    {
        for (var j = 0; j < matches.Count; j++)
        {
            var (m, error) = compile(matches[j], j, field.Then(".matches", j));
            if (error is not null)
            {
                return error;
            }

            output.Add(m!);
        }

        return null;
    }

    public static string? Filters<TFilter, TApplier>(IReadOnlyList<TFilter> filters, TApplier applier, FilterSet set, FieldPath field, List<Problem> problems)
        where TApplier : IFilterApplier<TFilter>
    {
        for (var j = 0; j < filters.Count; j++)
        {
            if (applier.Apply(set, filters[j], field.Then(".filters", j), problems) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    public static string? BackendRefs<TRef, TFilter, TApplier>(IReadOnlyList<TRef> refs, Func<TRef, int> weightOf, Func<TRef, IReadOnlyList<TFilter>> filtersOf,
        TApplier applier, FieldPath field, List<Problem> problems, List<BackendRefInput> output)
        where TRef : BackendObjectReference
        where TApplier : IFilterApplier<TFilter>
    {
        for (var j = 0; j < refs.Count; j++)
        {
            var b = refs[j];
            var bField = field.Then(".backendRefs", j);
            var weight = weightOf(b);
            if (weight is < 0 or > 1_000_000)
            {
                return $"{bField}.weight {weight} is outside 0-1000000";
            }

            // A backendRef without filters shares the empty set (nothing writes to it).
            var filters = filtersOf(b);
            var set = filters.Count == 0 ? FilterSet.None : new FilterSet();
            var error = Filters(filters, applier, set, bField, problems) ?? applier.CheckBackendRef(set, bField);
            if (error is not null)
            {
                return error;
            }

            output.Add(new BackendRefInput(b, weight, set, bField));
        }

        return null;
    }
}
