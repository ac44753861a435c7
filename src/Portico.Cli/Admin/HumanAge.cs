using System.Globalization;

namespace Portico.Cli.Admin;

/// <summary>
/// kubectl's AGE column: the coarser the older (<c>45s</c>, <c>3m12s</c>, <c>2h5m</c>, <c>3d4h</c>, <c>2y30d</c>), so a
/// column of ages stays narrow and comparable at a glance.
/// </summary>
internal static class HumanAge
{
    public const string Unknown = "<unknown>";

    public static string Of(DateTimeOffset? created, DateTimeOffset now) =>
        created is { } c ? Format(now - c) : Unknown;

    public static string Format(TimeSpan age)
    {
        var seconds = (long)Math.Floor(age.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>"; // a clock skewed into the future
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return F($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? F($"{minutes}m") : F($"{minutes}m{seconds % 60}s");
        }

        if (minutes < 180)
        {
            return F($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? F($"{hours}h") : F($"{hours}h{minutes % 60}m");
        }

        if (hours < 48)
        {
            return F($"{hours}h");
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? F($"{days}d") : F($"{days}d{hours % 24}h");
        }

        if (days < 365 * 2)
        {
            return F($"{days}d");
        }

        var years = days / 365;
        if (days < 365 * 8)
        {
            return days % 365 == 0 ? F($"{years}y") : F($"{years}y{days % 365}d");
        }

        return F($"{years}y");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
