using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.Files.Yaml;

/// <summary>
/// Writes a JSON document as block-style YAML (the format of golden files and <c>-o yaml</c>). Output is
/// deterministic: keys in the node's order, two-space indentation with list items indented under their key,
/// strings plain unless that would read back as something else, multi-line strings as block literals, and
/// <c>[]</c>/<c>{}</c> for empty collections. Reading the output with the manifest reader's YAML loader gives
/// back an equal JSON tree.
/// </summary>
public static class YamlDocumentWriter
{
    private const int IndentStep = 2;

    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteDocument(builder, node);
        return builder.ToString();
    }

    /// <summary>Several documents in one stream, separated by <c>---</c>.</summary>
    public static string WriteAll(IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var builder = new StringBuilder();
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                builder.Append("---\n");
            }

            first = false;
            WriteDocument(builder, document);
        }

        return builder.ToString();
    }

    private static void WriteDocument(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } map:
                WriteMapping(builder, map, 0, firstInline: false);
                break;
            case JsonArray { Count: > 0 } list:
                WriteSequence(builder, list, 0, firstInline: false);
                break;
            default:
                // A scalar or empty collection: written as after a key, without the separating space.
                var value = new StringBuilder();
                WriteAfterIndicator(value, node, 0);
                builder.Append(value, 1, value.Length - 1);
                break;
        }
    }

    private static void WriteMapping(StringBuilder builder, JsonObject map, int indent, bool firstInline)
    {
        foreach (var (key, value) in map)
        {
            if (!firstInline)
            {
                builder.Append(' ', indent);
            }

            firstInline = false;
            builder.Append(YamlScalarFormatter.Key(key)).Append(':');
            WriteAfterIndicator(builder, value, indent);
        }
    }

    private static void WriteSequence(StringBuilder builder, JsonArray list, int indent, bool firstInline)
    {
        foreach (var item in list)
        {
            if (!firstInline)
            {
                builder.Append(' ', indent);
            }

            firstInline = false;
            builder.Append('-');
            switch (item)
            {
                // A non-empty collection starts on the dash's line: "- key: value" or "- - item".
                case JsonObject { Count: > 0 } map:
                    builder.Append(' ');
                    WriteMapping(builder, map, indent + IndentStep, firstInline: true);
                    break;
                case JsonArray { Count: > 0 } nested:
                    builder.Append(' ');
                    WriteSequence(builder, nested, indent + IndentStep, firstInline: true);
                    break;
                default:
                    WriteAfterIndicator(builder, item, indent);
                    break;
            }
        }
    }

    // Writes what follows "key:" or "-" whose line is indented by `indent`: " scalar\n", or a nested block.
    private static void WriteAfterIndicator(StringBuilder builder, JsonNode? node, int indent)
    {
        switch (node)
        {
            case null:
                builder.Append(" null\n");
                break;
            case JsonObject map when map.Count == 0:
                builder.Append(" {}\n");
                break;
            case JsonObject map:
                builder.Append('\n');
                WriteMapping(builder, map, indent + IndentStep, firstInline: false);
                break;
            case JsonArray list when list.Count == 0:
                builder.Append(" []\n");
                break;
            case JsonArray list:
                builder.Append('\n');
                WriteSequence(builder, list, indent + IndentStep, firstInline: false);
                break;
            case JsonValue value:
                WriteScalar(builder, value, indent);
                break;
            default:
                throw new ArgumentException($"unsupported node {node.GetType().Name}", nameof(node));
        }
    }

    private static void WriteScalar(StringBuilder builder, JsonValue value, int indent)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = StringOf(value);
                if (YamlScalarFormatter.CanBeLiteral(text))
                {
                    WriteLiteral(builder, text, indent + IndentStep);
                }
                else
                {
                    builder.Append(' ').Append(YamlScalarFormatter.Inline(text)).Append('\n');
                }

                break;
            case JsonValueKind.True:
                builder.Append(" true\n");
                break;
            case JsonValueKind.False:
                builder.Append(" false\n");
                break;
            case JsonValueKind.Null:
                builder.Append(" null\n");
                break;
            default:
                // Numbers: their JSON spelling is a YAML 1.2 core integer or float.
                builder.Append(' ').Append(value.ToJsonString()).Append('\n');
                break;
        }
    }

    // A JsonValue may hold a CLR value that serializes as a string (a DateTimeOffset, a Guid, a char) without
    // being a string itself; its JSON text is the reliable form.
    private static string StringOf(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : JsonNode.Parse(value.ToJsonString())?.GetValue<string>() ?? string.Empty;

    private static void WriteLiteral(StringBuilder builder, string text, int indent)
    {
        builder.Append(' ').Append(YamlScalarFormatter.LiteralHeader(text)).Append('\n');

        // The header says how many final newlines to keep; each line of content goes on its own indented line.
        var content = text.EndsWith('\n') ? text[..^1] : text;
        foreach (var line in content.Split('\n'))
        {
            if (line.Length > 0)
            {
                builder.Append(' ', indent).Append(line);
            }

            builder.Append('\n');
        }
    }
}
