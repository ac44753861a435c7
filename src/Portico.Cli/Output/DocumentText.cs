using System.Text.Json.Nodes;
using Portico.Files.Yaml;
using Portico.Model.Serialization;

namespace Portico.Cli.Output;

/// <summary>Renders a JSON document as the text <c>-o json</c> / <c>-o yaml</c> print, always ending in a newline.</summary>
internal static class DocumentText
{
    public static string Render(JsonNode document, string format)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = format switch
        {
            // The options the admin API writes with, so `check -o json` and /api/v1/status are the same bytes.
            OutputFormat.Json => document.ToJsonString(ModelJson.Indented),
            OutputFormat.Yaml => YamlDocumentWriter.Write(document),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected json or yaml"),
        };
        return text.EndsWith('\n') ? text : text + "\n";
    }
}
