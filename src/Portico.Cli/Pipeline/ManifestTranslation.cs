using Portico.Files.Reading;
using Portico.Model.Snapshot;
using Portico.Translation;

namespace Portico.Cli.Pipeline;

/// <summary>
/// The offline pipeline behind <c>check</c> and <c>translate</c>:
/// (1) read manifests, (2) report every diagnostic on stderr, (3) build one snapshot of what could be read,
/// (4) translate it. Unreadable files do not stop the run: the status of everything else is still worth seeing,
/// and the caller turns <see cref="TranslationRun.HadReadErrors"/> into exit code 1.
/// </summary>
internal static class ManifestTranslation
{
    public static TranslationRun Run(IReadOnlyList<string> paths, TranslatorOptions options, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);

        // :: Step 1
        var read = new ManifestReader(FixedTimeProvider.Epoch).Read(paths);

        // :: Step 2 — "file:line:col: error: field: message", warnings (e.g. skipped kinds) in the same form.
        foreach (var diagnostic in read.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        // :: Step 3
        var snapshot = new ResourceSnapshot(read.Objects.Select(static o => o.Object));

        // :: Step 4
        var result = Translator.Translate(snapshot, options);
        return new TranslationRun(result, read.HasErrors);
    }
}
