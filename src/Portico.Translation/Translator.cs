using Portico.Model.Snapshot;
using Portico.Model.Status;
using Portico.Routing.Table;

namespace Portico.Translation;

/// <summary>
/// Snapshot in, route table and status out. Pure: no I/O, no clock, no logging; the same snapshot always
/// yields the same result.
/// </summary>
public static class Translator
{
    public static TranslationResult Translate(ResourceSnapshot snapshot, TranslatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _ = options ?? new TranslatorOptions();
        return new TranslationResult(RouteTable.Empty, new StatusReport()); // TODO(translator): being written
    }
}
