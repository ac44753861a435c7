using System.Text.RegularExpressions;

namespace Portico.Proxy.Matching;

/// <summary>Compiles user regexes as full matches, preferring the non-backtracking engine.</summary>
internal static class Patterns
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    public static Regex Compile(string pattern)
    {
        var anchored = $"^(?:{pattern})$";
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Backreferences and lookarounds need the backtracking engine; bound it with a timeout instead.
            return new Regex(anchored, RegexOptions.CultureInvariant, Timeout);
        }
    }
}
