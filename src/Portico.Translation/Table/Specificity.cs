namespace Portico.Translation.Table;

/// <summary>
/// Up to five specificity keys, compared in order, larger first. A kind that uses fewer leaves the rest 0, so they
/// never decide (reference §1.4 for GRPCRoute: 3 keys; §5 for HTTPRoute: 5).
/// </summary>
internal readonly record struct Specificity(int K0, int K1, int K2, int K3 = 0, int K4 = 0)
{
    /// <summary>Negative when this is more specific than <paramref name="other"/> (it sorts first).</summary>
    public int CompareMoreSpecificFirst(Specificity other)
    {
        var c = other.K0.CompareTo(K0);
        if (c == 0)
        {
            c = other.K1.CompareTo(K1);
        }

        if (c == 0)
        {
            c = other.K2.CompareTo(K2);
        }

        if (c == 0)
        {
            c = other.K3.CompareTo(K3);
        }

        return c != 0 ? c : other.K4.CompareTo(K4);
    }
}
