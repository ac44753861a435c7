using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Portico.Files.Yaml;

/// <summary>
/// The YAML 1.2 core schema for plain (unquoted) scalars: <c>null</c>/<c>~</c>/empty, booleans, integers
/// (decimal, <c>0o</c> octal, <c>0x</c> hex) and floats. Everything else is a string. The writer uses the same rules
/// to decide when a string must be quoted, so the two cannot drift apart.
/// </summary>
internal static class YamlScalars
{
    /// <summary>What a plain scalar means. Non-finite floats (<c>.inf</c>, <c>.nan</c>) have no JSON form: error.</summary>
    public static bool TryResolvePlain(string text, out JsonNode? value, out string? error)
    {
        error = null;
        value = null;
        if (IsNull(text))
        {
            return true;
        }

        if (TryParseBool(text, out var flag))
        {
            value = JsonValue.Create(flag);
            return true;
        }

        if (TryParseInteger(text, out value))
        {
            return true;
        }

        if (TryParseFloat(text, out var number, out var isFloat))
        {
            if (!double.IsFinite(number))
            {
                error = $"the number {text} cannot be represented in JSON";
                return false;
            }

            value = JsonValue.Create(number);
            return true;
        }

        if (isFloat)
        {
            error = $"the number {text} cannot be represented in JSON";
            return false;
        }

        value = JsonValue.Create(text);
        return true;
    }

    /// <summary>True when the plain scalar <paramref name="text"/> would read as something other than that string.</summary>
    public static bool IsNonString(string text) =>
        IsNull(text) || TryParseBool(text, out _) || TryParseInteger(text, out _) || TryParseFloat(text, out _, out var isFloat) || isFloat;

    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryParseInteger(string text, out JsonNode? value)
    {
        value = null;
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o'))
        {
            var hex = text[1] == 'x';
            var digits = text.AsSpan(2);
            BigInteger result = 0;
            foreach (var c in digits)
            {
                int digit;
                if (hex && char.IsAsciiHexDigit(c))
                {
                    digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                }
                else if (!hex && c is >= '0' and <= '7')
                {
                    digit = c - '0';
                }
                else
                {
                    return false;
                }

                result = (result * (hex ? 16 : 8)) + digit;
            }

            value = FromBigInteger(result);
            return value is not null;
        }

        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        // Integers too large for a double fall through to the float rules, which report them.
        value = FromBigInteger(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return value is not null;
    }

    /// <summary>
    /// Parses a core-schema float. <paramref name="isFloat"/> is true for every float spelling, including the
    /// non-finite ones that fail to parse into a usable number.
    /// </summary>
    public static bool TryParseFloat(string text, out double value, out bool isFloat)
    {
        value = 0;
        isFloat = false;
        var body = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        if (body is ".inf" or ".Inf" or ".INF" || (text.Length == body.Length && body is ".nan" or ".NaN" or ".NAN"))
        {
            isFloat = true;
            return false;
        }

        if (!IsFloatSyntax(body))
        {
            return false;
        }

        isFloat = true;
        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?  (sign already removed)
    private static bool IsFloatSyntax(string body)
    {
        var i = 0;
        var mantissaDigits = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < body.Length && body[i] == '.')
        {
            i++;
            var fraction = 0;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                fraction++;
            }

            if (mantissaDigits == 0 && fraction == 0)
            {
                return false;
            }

            mantissaDigits += fraction;
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < body.Length && (body[i] == 'e' || body[i] == 'E'))
        {
            i++;
            if (i < body.Length && (body[i] == '-' || body[i] == '+'))
            {
                i++;
            }

            var exponent = 0;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == body.Length;
    }

    private static JsonValue? FromBigInteger(BigInteger number)
    {
        if (number >= long.MinValue && number <= long.MaxValue)
        {
            return JsonValue.Create((long)number);
        }

        if (number >= (BigInteger)decimal.MinValue && number <= (BigInteger)decimal.MaxValue)
        {
            return JsonValue.Create((decimal)number);
        }

        var approximation = (double)number;
        return double.IsFinite(approximation) ? JsonValue.Create(approximation) : null;
    }
}
