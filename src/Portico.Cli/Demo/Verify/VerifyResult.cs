namespace Portico.Cli.Demo.Verify;

/// <summary>How a check came out. <see cref="Info"/> rows show a fact without deciding the exit code.</summary>
internal enum VerifyResult
{
    Pass,
    Fail,
    Info,
}
