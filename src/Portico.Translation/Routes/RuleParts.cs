using Portico.Model.GatewayApi;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// The parts of a rule both route kinds read the same way: matches, a filter list, and backendRefs with their own
/// filters. Each returns null when the part is usable, or the message that drops the rule.
/// </summary>
internal static class RuleParts
{
    public static string? Matches<TIn, TOut>(IReadOnlyList<TIn> matches, Func<TIn, int, string, (TOut? Match, string? Error)> compile, string field, List<TOut> output)
        where TOut : class
    {
        for (var j = 0; j < matches.Count; j++)
        {
            var (m, error) = compile(matches[j], j, $"{field}.matches[{j}]");
            if (error is not null)
            {
                return error;
            }

            output.Add(m!);
        }

        return null;
    }

    public static string? Filters<TFilter>(IReadOnlyList<TFilter> filters, Func<FilterSet, TFilter, string, List<Problem>, string?> apply,
        FilterSet set, string field, List<Problem> problems)
    {
        for (var j = 0; j < filters.Count; j++)
        {
            if (apply(set, filters[j], $"{field}.filters[{j}]", problems) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <param name="check">Extra per-backendRef validation (after its filters), or null.</param>
    public static string? BackendRefs<TRef, TFilter>(IReadOnlyList<TRef> refs, Func<TRef, int> weightOf, Func<TRef, IReadOnlyList<TFilter>> filtersOf,
        Func<FilterSet, TFilter, string, List<Problem>, string?> apply, string field, List<Problem> problems, List<BackendRefInput> output,
        Func<FilterSet, string, string?>? check = null)
        where TRef : BackendObjectReference
    {
        for (var j = 0; j < refs.Count; j++)
        {
            var b = refs[j];
            var bField = $"{field}.backendRefs[{j}]";
            var weight = weightOf(b);
            if (weight is < 0 or > 1_000_000)
            {
                return $"{bField}.weight {weight} is outside 0-1000000";
            }

            var set = new FilterSet();
            var error = Filters(filtersOf(b), apply, set, bField, problems) ?? check?.Invoke(set, bField);
            if (error is not null)
            {
                return error;
            }

            output.Add(new BackendRefInput(b, weight, set, bField));
        }

        return null;
    }
}
