using System.Globalization;
using System.Text.RegularExpressions;

namespace Portico.Translation.Common;

/// <summary>GEP-2257 durations: 1 to 4 groups of up to 5 digits with a unit (h, m, s, ms), e.g. <c>1h30m</c>.</summary>
internal static partial class Durations
{
    [GeneratedRegex(@"^([0-9]{1,5}(h|m|s|ms)){1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"([0-9]{1,5})(ms|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!Pattern().IsMatch(text))
        {
            return false;
        }

        foreach (Match m in Part().Matches(text))
        {
            var n = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                _ => TimeSpan.FromMilliseconds(n),
            };
        }

        return true;
    }
}
