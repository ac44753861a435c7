using System.Text.Json.Nodes;

namespace Portico.Files.Yaml;

/// <summary>Writes a JSON document as block-style YAML (the format of golden files and <c>-o yaml</c>).</summary>
public static class YamlDocumentWriter
{
    public static string Write(JsonNode? node)
    {
        _ = node;
        throw new NotImplementedException("being written");
    }
}
