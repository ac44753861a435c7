using Portico.Cli.Tests.Support;

namespace Portico.Cli.Tests.Examples;

/// <summary>
/// examples/walkthrough as committed, copied to a temporary directory and completed the way its README says:
/// <c>portico demo --prepare-only</c> writes the TLS Secrets it leaves out (no private key is committed).
/// A developer's own <c>generated/</c> directory is not copied, so the tests never depend on it.
/// </summary>
public sealed class PreparedWalkthrough : IDisposable
{
    private readonly TempManifests _copy = new();

    public PreparedWalkthrough()
    {
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot.Path, "examples", "walkthrough")))
        {
            File.Copy(file, System.IO.Path.Combine(_copy.Path, System.IO.Path.GetFileName(file)));
        }

        var prepared = CliRunner.Run("demo", "--prepare-only", "--config", _copy.Path);
        if (prepared.ExitCode != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"portico demo --prepare-only failed ({prepared.ExitCode}): {prepared.Err}");
        }
    }

    public string Path => _copy.Path;

    public void Dispose() => _copy.Dispose();
}
