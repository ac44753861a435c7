namespace Portico.Cli;

/// <summary>
/// Process exit codes. Scripts and CI read them, so they are part of the CLI's contract (README "Exit codes").
/// When several apply, the lowest non-zero one wins: a manifest that could not be read (1) hides a strict failure (2).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>At least one manifest could not be read (a reader error, not a warning).</summary>
    public const int ManifestError = 1;

    /// <summary><c>--strict</c>: some <c>Accepted</c>, <c>ResolvedRefs</c> or <c>Programmed</c> condition is not <c>True</c>.</summary>
    public const int StrictFailure = 2;

    /// <summary>The command line itself is wrong (unknown option, bad value); sysexits' EX_USAGE.</summary>
    public const int Usage = 64;

    /// <summary>A bug in Portico (an unexpected exception); sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;
}
