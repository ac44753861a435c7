using System.Text.Json.Nodes;
using Portico.Files.Yaml;

namespace Portico.Files.Reading;

/// <summary>Checks and edits of a manifest's JSON tree made before it is deserialized.</summary>
internal static class ManifestTree
{
    // System.Text.Json refuses to go deeper than its MaxDepth (64) and says so in a message about writers; the
    // limit here is a little lower so the problem is reported at the field that goes too deep.
    public const int MaxObjectDepth = 60;

    /// <summary>
    /// Removes null-valued properties everywhere (<c>key:</c> and <c>key: null</c> mean "not set", as in Kubernetes,
    /// and the model's non-null defaults must not be overwritten with null); returns the paths of null list items,
    /// which are errors.
    /// </summary>
    public static List<string> PruneNulls(JsonNode node, string path)
    {
        var nullItems = new List<string>();
        Prune(node, path, nullItems);
        return nullItems;
    }

    private static void Prune(JsonNode node, string path, List<string> nullItems)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var name in map.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    map.Remove(name);
                }

                foreach (var (name, value) in map)
                {
                    Prune(value!, FieldPath.Property(path, name), nullItems);
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    var itemPath = FieldPath.Item(path, i);
                    if (list[i] is { } item)
                    {
                        Prune(item, itemPath, nullItems);
                    }
                    else
                    {
                        nullItems.Add(itemPath);
                    }
                }

                break;
        }
    }

    /// <summary>The first path nested deeper than <see cref="MaxObjectDepth"/>, or null.</summary>
    public static string? FindTooDeep(JsonNode node, string path) => FindTooDeep(node, path, 1);

    private static string? FindTooDeep(JsonNode? node, string path, int depth)
    {
        if (depth > MaxObjectDepth)
        {
            return path;
        }

        switch (node)
        {
            case JsonObject map:
                foreach (var (name, value) in map)
                {
                    if (FindTooDeep(value, FieldPath.Property(path, name), depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (FindTooDeep(list[i], FieldPath.Item(path, i), depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                break;
        }

        return null;
    }

    /// <summary>The node at <paramref name="segments"/>, or null when the path does not exist.</summary>
    public static JsonNode? Navigate(JsonNode? node, IReadOnlyList<PathSegment> segments)
    {
        foreach (var segment in segments)
        {
            node = segment.Name is { } name
                ? (node as JsonObject)?[name]
                : node is JsonArray list && segment.Index < list.Count ? list[segment.Index] : null;
        }

        return node;
    }
}
