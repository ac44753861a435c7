namespace Portico.Proxy.Matching;

/// <summary>
/// The literal text every match of a regex must start with (patterns are anchored full matches, see
/// <see cref="Patterns"/>): <c>catalog\.v[0-9]+\.Catalog</c> → <c>catalog.v</c>. Conservative: any alternation
/// gives the empty prefix, a character under <c>*</c>, <c>?</c> or <c>{</c> is not part of it, and the scan stops at
/// the first construct that is not a plain or escaped punctuation character. Used only to skip entries that cannot
/// match; the regex still decides.
/// </summary>
internal static class LiteralPrefix
{
    private const string Meta = "\\^$.|?*+()[]{}";

    public static string Of(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Contains('|', StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var prefix = new System.Text.StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            char literal;
            int next;
            var c = pattern[i];
            if (c == '\\')
            {
                // Only escaped punctuation is a literal; \d, \w, \b, \x41, \1 ... are not (or not worth decoding).
                if (i + 1 >= pattern.Length || char.IsAsciiLetterOrDigit(pattern[i + 1]) || !char.IsAscii(pattern[i + 1]))
                {
                    break;
                }

                literal = pattern[i + 1];
                next = i + 2;
            }
            else if (Meta.Contains(c, StringComparison.Ordinal))
            {
                break;
            }
            else
            {
                literal = c;
                next = i + 1;
            }

            // A quantifier after the character: optional (*, ?, {0,...}) ends the prefix before it; + keeps one.
            if (next < pattern.Length && pattern[next] is '*' or '?' or '{')
            {
                break;
            }

            prefix.Append(literal);
            if (next < pattern.Length && pattern[next] == '+')
            {
                break;
            }

            i = next;
        }

        return prefix.ToString();
    }
}
