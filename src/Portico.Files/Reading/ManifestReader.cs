namespace Portico.Files.Reading;

/// <summary>
/// Reads Kubernetes manifests (YAML, multi-document) from files and directories into model objects.
/// Never throws for bad input: every problem becomes a <see cref="ManifestDiagnostic"/> naming file, line and field.
/// Each call is independent (generation 1, creation time now); <see cref="ManifestStore"/> is the stateful variant.
/// </summary>
public sealed class ManifestReader
{
    private readonly TimeProvider _clock;

    /// <param name="clock">Stamps <c>creationTimestamp</c> on objects that have none (tests pass a fixed clock).</param>
    public ManifestReader(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>Reads each path: a file, or a directory searched recursively for <c>*.yaml</c>/<c>*.yml</c>.</summary>
    public ManifestReadResult Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new ManifestStore(_clock).Reload(paths);
    }

    /// <summary>Reads one YAML text as if it were the file <paramref name="fileName"/>.</summary>
    public ManifestReadResult ReadText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return new ManifestStore(_clock).ReloadTexts([new(fileName, text)]);
    }
}
