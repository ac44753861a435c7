using System.Globalization;
using System.Text;

namespace Portico.Translation.Common;

/// <summary>
/// A manifest field path (<c>spec.rules[0].backendRefs[1].filters[2]</c>) kept as its parts and written out only
/// when a message needs it: a valid rule builds no path string at all. Up to four parts are held inline; a fifth
/// writes the first four into one string (paths that deep exist only on error paths).
/// </summary>
internal readonly struct FieldPath
{
    private const int NoIndex = -1;

    private readonly string _p0;
    private readonly int _i0;
    private readonly string? _p1;
    private readonly int _i1;
    private readonly string? _p2;
    private readonly int _i2;
    private readonly string? _p3;
    private readonly int _i3;

    private FieldPath(string p0, int i0, string? p1, int i1, string? p2, int i2, string? p3, int i3)
    {
        (_p0, _i0, _p1, _i1, _p2, _i2, _p3, _i3) = (p0, i0, p1, i1, p2, i2, p3, i3);
    }

    /// <summary>A root part, e.g. <c>Of("spec.rules", 0)</c> is <c>spec.rules[0]</c>.</summary>
    public static FieldPath Of(string name, int index = NoIndex) => new(name, index, null, NoIndex, null, NoIndex, null, NoIndex);

    /// <summary>This path followed by <paramref name="part"/> (with its leading dot) and an optional index.</summary>
    public FieldPath Then(string part, int index = NoIndex)
    {
        if (_p1 is null)
        {
            return new(_p0, _i0, part, index, null, NoIndex, null, NoIndex);
        }

        if (_p2 is null)
        {
            return new(_p0, _i0, _p1, _i1, part, index, null, NoIndex);
        }

        return _p3 is null
            ? new(_p0, _i0, _p1, _i1, _p2, _i2, part, index)
            : new(ToString(), NoIndex, part, index, null, NoIndex, null, NoIndex);
    }

    public override string ToString()
    {
        if (_p0 is null)
        {
            return string.Empty;
        }

        var b = new StringBuilder();
        Append(b, _p0, _i0);
        Append(b, _p1, _i1);
        Append(b, _p2, _i2);
        Append(b, _p3, _i3);
        return b.ToString();
    }

    private static void Append(StringBuilder b, string? part, int index)
    {
        if (part is null)
        {
            return;
        }

        b.Append(part);
        if (index != NoIndex)
        {
            b.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
    }
}
