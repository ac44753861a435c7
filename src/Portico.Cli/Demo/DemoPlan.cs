using Portico.Files.Reading;

namespace Portico.Cli.Demo;

/// <summary>
/// What the demo will run, decided before anything listens: the manifests (read through <see cref="ManifestReader"/>,
/// including the generated TLS Secrets), the certificates prepared for them, and the sample instances to start.
/// </summary>
internal sealed record DemoPlan(DemoOptions Options, DemoWorkspace Workspace, ManifestReadResult Manifests, TlsPreparation Tls,
    IReadOnlyList<SampleEndpoint> Samples, IReadOnlyList<string> Warnings)
{
    /// <summary>Reads the manifests, creates the CA and TLS Secrets they lack, and reads them again with those.</summary>
    /// <exception cref="DemoStartException">A manifest has errors, or a shifted port would not fit.</exception>
    public static DemoPlan Prepare(DemoOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workspace = DemoWorkspace.Create(options);
        var first = workspace.Read();
        ThrowOnErrors(first);
        TlsPreparation tls;
        try
        {
            tls = TlsSecretPreparer.Prepare(workspace, first, clock);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DemoStartException($"cannot write the generated certificates to {DemoWorkspace.Display(workspace.GeneratedDirectory)}: {e.Message}", e);
        }

        var manifests = tls.Written ? workspace.Read() : first;
        ThrowOnErrors(manifests);
        if (ListenerTargets.OutOfRange(manifests.KubeObjects, options.PortOffset) is { } problem)
        {
            throw new DemoStartException(problem);
        }

        var warnings = manifests.Diagnostics.Select(d => d.ToString()).ToList();
        var samples = SampleEndpoints.Find(manifests.KubeObjects, warnings);
        return new DemoPlan(options, workspace, manifests, tls, samples, warnings);
    }

    private static void ThrowOnErrors(ManifestReadResult read)
    {
        if (read.HasErrors)
        {
            var errors = read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => "  " + d);
            throw new DemoStartException("the manifests have errors (see `portico check`):\n" + string.Join('\n', errors));
        }
    }
}
