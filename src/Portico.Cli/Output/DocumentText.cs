using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Files.Yaml;

namespace Portico.Cli.Output;

/// <summary>Renders a JSON document as the text <c>-o json</c> / <c>-o yaml</c> print, always ending in a newline.</summary>
internal static class DocumentText
{
    // Relaxed escaping: the text goes to a terminal or a file, not into HTML, and messages quote names with '...'
    // that the default encoder would turn into \u0027.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(JsonNode document, string format)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = format switch
        {
            OutputFormat.Json => document.ToJsonString(Indented),
            OutputFormat.Yaml => YamlDocumentWriter.Write(document),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected json or yaml"),
        };
        return text.EndsWith('\n') ? text : text + "\n";
    }
}
