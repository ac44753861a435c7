using Portico.Model.Status;
using Portico.Routing.Table;

namespace Portico.Translation;

/// <summary>The two outputs of a translation: what the data plane serves and what each object's status says.</summary>
public sealed record TranslationResult(RouteTable Table, StatusReport Status)
{
    /// <summary>For the next translation (<see cref="Translator.TranslateIncrementally"/>); null from <see cref="Translator.Translate"/>.</summary>
    public TranslationMemo? Memo { get; init; }
}
