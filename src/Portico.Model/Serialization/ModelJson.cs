using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Portico.Model.Serialization;

/// <summary>
/// The JSON shape of every model type: Kubernetes field names (camelCase), nulls and empty collections omitted
/// on output (unless <see cref="KeepEmptyAttribute"/>), enums as their API strings.
/// </summary>
public static class ModelJson
{
    /// <summary>Reading user-written manifests: an unknown field is an error, as <c>kubectl --validate=strict</c>.</summary>
    public static JsonSerializerOptions Strict { get; } = Create(strict: true, indented: false);

    /// <summary>Reading objects from an API server, which may carry fields newer than this model.</summary>
    public static JsonSerializerOptions Lenient { get; } = Create(strict: false, indented: false);

    /// <summary>Writing documents for people (indented).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(strict: false, indented: true);

    private static JsonSerializerOptions Create(bool strict, bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },

            // Documents are read by people and by kubectl-like tools; keep '+', quotes and non-ASCII readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new KubernetesTimeConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            if (property.AttributeProvider is MemberInfo member && member.GetCustomAttribute<KeepEmptyAttribute>() is not null)
            {
                continue;
            }

            property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 } &&
                value is not IReadOnlyCollection<object> { Count: 0 } && !IsEmptyEnumerable(value);
        }
    }

    private static bool IsEmptyEnumerable(object? value) =>
        value is IEnumerable enumerable and not string && !enumerable.GetEnumerator().MoveNext();
}
