using System.Text.Json;
using Portico.Model.Serialization;
using Portico.Routing.Table;

namespace Portico.Translation.Output;

/// <summary>
/// <see cref="ModelJson"/>'s document options extended to the IR (<see cref="RouteTableJsonContext"/>), for documents
/// that hold both status and a <see cref="RouteTable"/>: the translate document, the admin API's config.
/// </summary>
public static class TranslationJson
{
    /// <summary>Writing documents for people (indented), as <see cref="ModelJson.Indented"/>.</summary>
    public static JsonSerializerOptions Indented { get; } = ModelJson.Create(RouteTableJsonContext.Default, strict: false, indented: true);

    /// <summary>Reading a document a (possibly newer) gateway wrote, as <see cref="ModelJson.Lenient"/>.</summary>
    public static JsonSerializerOptions Lenient { get; } = ModelJson.Create(RouteTableJsonContext.Default, strict: false, indented: false);
}
