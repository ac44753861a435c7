namespace Portico.Cli.Demo.Verify;

/// <summary>One row of the <c>--verify</c> table.</summary>
internal sealed record VerifyCheck(string Name, string Expected, string Actual, VerifyResult Result);
