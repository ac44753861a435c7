namespace Portico.Translation.Common;

/// <summary>RFC 7230 token rules for header names (no <c>:</c>, so no pseudo-headers).</summary>
internal static class HeaderNames
{
    public static string? Validate(string name)
    {
        if (name.Length is 0 or > 256)
        {
            return $"header name \"{name}\" must be 1 to 256 characters";
        }

        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                return $"header name \"{name}\" contains \"{c}\", which is not allowed in an HTTP token";
            }
        }

        return null;
    }

    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' ||
        "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
