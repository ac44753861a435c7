namespace Portico.Cli.Demo;

/// <summary>What <see cref="TlsSecretPreparer"/> did.</summary>
/// <param name="Generated">Secrets the demo provides (from its generated file), with their DNS names.</param>
/// <param name="Provided">Secrets the manifests provide themselves; the demo leaves them alone.</param>
/// <param name="Written">True when new files were written (first run, or the old ones were stale).</param>
/// <param name="CaCertificateFile">The demo CA's certificate (full path), or null when nothing had to be generated.</param>
internal sealed record TlsPreparation(IReadOnlyList<TlsSecretNeed> Generated, IReadOnlyList<string> Provided, bool Written, string? CaCertificateFile);
