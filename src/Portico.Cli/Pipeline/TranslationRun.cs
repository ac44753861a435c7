using Portico.Translation;

namespace Portico.Cli.Pipeline;

/// <summary>The result of reading and translating a set of manifests, and whether any of them could not be read.</summary>
internal sealed record TranslationRun(TranslationResult Result, bool HadReadErrors);
