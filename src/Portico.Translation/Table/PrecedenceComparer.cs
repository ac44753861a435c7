namespace Portico.Translation.Table;

/// <summary>
/// Orders entries by the spec's precedence (reference §1.4 for GRPCRoute, §5 for HTTPRoute): specificity keys
/// (larger wins), then oldest route, then namespace/name (ordinal), then rule order, then match order.
/// </summary>
internal sealed class PrecedenceComparer<T> : IComparer<RankedEntry<T>>
{
    public static PrecedenceComparer<T> Instance { get; } = new();

    public int Compare(RankedEntry<T> x, RankedEntry<T> y)
    {
        var r = x.Specificity.CompareMoreSpecificFirst(y.Specificity);
        if (r != 0)
        {
            return r;
        }

        r = x.Created.CompareTo(y.Created);
        if (r != 0)
        {
            return r;
        }

        r = string.CompareOrdinal(x.Namespace, y.Namespace);
        if (r != 0)
        {
            return r;
        }

        r = string.CompareOrdinal(x.Name, y.Name);
        if (r != 0)
        {
            return r;
        }

        r = x.Rule.CompareTo(y.Rule);
        return r != 0 ? r : x.Match.CompareTo(y.Match);
    }
}
