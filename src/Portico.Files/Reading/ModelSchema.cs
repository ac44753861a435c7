using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Portico.Files.Yaml;
using Portico.Model.Serialization;

namespace Portico.Files.Reading;

/// <summary>
/// Answers "what does the model expect at this path?" from System.Text.Json's own contract for
/// <see cref="ModelJson.Strict"/>, so error messages describe exactly what deserialization accepts.
/// </summary>
internal static class ModelSchema
{
    /// <summary>
    /// Walks <paramref name="segments"/> from <paramref name="root"/>. Returns the CLR type at the path, or null when
    /// the path leaves the typed model (free-form fields) or names a property that does not exist, in which case
    /// <paramref name="unknownProperty"/> is that property's name.
    /// </summary>
    public static Type? Resolve(Type root, IReadOnlyList<PathSegment> segments, out string? unknownProperty)
    {
        unknownProperty = null;
        var type = root;
        foreach (var segment in segments)
        {
            var info = ModelJson.Strict.GetTypeInfo(Unwrap(type));
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when segment.Name is { } name:
                    var property = FindProperty(info, name);
                    if (property is null)
                    {
                        unknownProperty = name;
                        return null;
                    }

                    type = property.PropertyType;
                    break;
                case JsonTypeInfoKind.Enumerable when !segment.IsProperty:
                case JsonTypeInfoKind.Dictionary when segment.IsProperty:
                    type = info.ElementType!;
                    break;
                default:
                    return null;
            }
        }

        return type;
    }

    /// <summary>
    /// Collects every field of <paramref name="node"/> that the model cannot set, at any depth (all of them, where
    /// System.Text.Json stops at the first). A property without a setter counts as unknown: System.Text.Json would
    /// skip it silently even in strict mode, which would hide a misplaced top-level <c>namespace:</c>.
    /// Type mismatches are left to deserialization.
    /// </summary>
    public static void FindUnknownFields(JsonNode? node, Type type, string path, List<(string Path, string Name)> unknown)
    {
        var info = ModelJson.Strict.GetTypeInfo(Unwrap(type));
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject map:
                foreach (var (name, value) in map)
                {
                    var property = FindProperty(info, name);
                    var childPath = FieldPath.Property(path, name);
                    if (property?.Set is null)
                    {
                        unknown.Add((childPath, name));
                    }
                    else
                    {
                        FindUnknownFields(value, property.PropertyType, childPath, unknown);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    FindUnknownFields(list[i], info.ElementType!, FieldPath.Item(path, i), unknown);
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                foreach (var (name, value) in map)
                {
                    FindUnknownFields(value, info.ElementType!, FieldPath.Property(path, name), unknown);
                }

                break;
        }
    }

    /// <summary>What a value of <paramref name="type"/> looks like in a manifest, for "expected ..." messages.</summary>
    public static string Describe(Type type)
    {
        type = Unwrap(type);
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong))
        {
            return "an integer";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(bool))
        {
            return "a boolean";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "a timestamp (RFC 3339, such as 2024-01-01T00:00:00Z)";
        }

        if (type == typeof(IntOrString))
        {
            return "an integer or a string";
        }

        if (type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            return "a value";
        }

        return ModelJson.Strict.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "a list",
            JsonTypeInfoKind.Dictionary => "a mapping",
            JsonTypeInfoKind.Object => "a mapping",
            _ => "a value",
        };
    }

    public static bool IsInteger(Type type)
    {
        type = Unwrap(type);
        return type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong);
    }

    /// <summary>A value as quoted in messages: strings in double quotes (shortened), collections by their kind.</summary>
    public static string DescribeValue(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "a mapping";
            case JsonArray:
                return "a list";
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return "\"" + (text.Length > 60 ? text[..57] + "..." : text) + "\"";
            default:
                return node.ToJsonString();
        }
    }

    // Case-sensitive, as ModelJson does not enable case-insensitive names.
    private static JsonPropertyInfo? FindProperty(JsonTypeInfo info, string name) =>
        info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;
}
