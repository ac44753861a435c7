using System.CommandLine;

namespace Portico.Cli.Admin;

/// <summary>
/// <c>--admin-address</c> of the commands that talk to a running gateway: <c>host:port</c> (what <c>portico run
/// --admin-address</c> takes) or an <c>http://</c> URL. Checked while parsing, so a typo is a usage error.
/// </summary>
internal static class AdminAddressOption
{
    public const string Default = "127.0.0.1:9901";

    /// <summary>How long a command waits for the admin API; it answers from memory, so seconds mean it is stuck.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    public static Option<string> Create()
    {
        var option = new Option<string>("--admin-address")
        {
            Description = "Admin API of the running gateway (portico run --admin-address): host:port or http://host:port.",
            HelpName = "host:port",
            DefaultValueFactory = _ => Default,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!TryParse(value, out _))
            {
                result.AddError($"--admin-address: '{value}' is not host:port or an http:// URL (e.g. {Default}).");
            }
        });
        return option;
    }

    public static bool TryParse(string? value, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttp ||
            string.IsNullOrEmpty(parsed.Host) || parsed.AbsolutePath != "/" || !HasExplicitPort(text, parsed))
        {
            return false;
        }

        uri = new Uri($"http://{parsed.Authority}/");
        return true;
    }

    // Uri fills in port 80 when none is written; an admin API is never assumed to be on 80.
    private static bool HasExplicitPort(string text, Uri parsed) =>
        !parsed.IsDefaultPort || text.Contains(":80", StringComparison.Ordinal);
}
