using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portico.Cli.Commands;

/// <summary>
/// Strict IP address literals for bind addresses. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone
/// accepts legacy forms such as <c>1</c> (= 0.0.0.1) or <c>0x7f.1</c>, which a user never means as a bind address.
/// </summary>
internal static class IpAddressText
{
    /// <summary>Parses dotted-quad IPv4 or any IPv6 literal (no zone, no brackets) into its canonical text.</summary>
    public static bool TryNormalize(string? text, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // A scope id (fe80::1%eth0) names an interface of one machine; not something a manifest-level default holds.
            if (text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal))
            {
                return false;
            }

            normalized = address.ToString();
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork || !IsDottedQuad(text))
        {
            return false;
        }

        normalized = address.ToString();
        return true;
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) ||
                int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }
}
