using System.Text.RegularExpressions;

namespace Portico.Translation.Common;

/// <summary>Regular expressions in routes: checked once here; the data plane compiles them once per table.</summary>
internal static class Regexes
{
    /// <summary>Null when <paramref name="pattern"/> is a valid .NET regular expression, else the parser's complaint.</summary>
    public static string? Validate(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "regular expression is empty";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return $"invalid regular expression \"{pattern}\": {e.Message}";
        }
    }
}
