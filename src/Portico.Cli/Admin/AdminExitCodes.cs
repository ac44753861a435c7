namespace Portico.Cli.Admin;

/// <summary>
/// Exit codes of the commands that read a running gateway. Both failures share 1, like kubectl: a script tells
/// them apart by the message, and 1 already means "could not do what was asked" in <see cref="ExitCodes"/>.
/// </summary>
internal static class AdminExitCodes
{
    /// <summary>The admin API could not be reached or did not answer properly.</summary>
    public const int Unavailable = 1;

    /// <summary>The named object (or gateway) is not configured on that gateway.</summary>
    public const int NotFound = 1;
}
