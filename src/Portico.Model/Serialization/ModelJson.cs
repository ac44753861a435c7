using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Portico.Model.Serialization;

/// <summary>
/// The JSON shape of every model type: Kubernetes field names (camelCase), nulls and empty collections omitted
/// on output (unless <see cref="KeepEmptyAttribute"/>), enums as their API strings. Type metadata comes from
/// source-generated contexts (<see cref="ModelJsonContext"/>, plus the caller's for types outside the model), never
/// from reflection: a type no context knows is a <see cref="NotSupportedException"/>, in a JIT build as in NativeAOT.
/// </summary>
/// <remarks>
/// A property with an initializer (<c>= []</c>, <c>= "Service"</c>, <c>= 1</c>) is <c>{ get; set; }</c>, never
/// <c>init</c>, in every type these contexts generate (model and IR): generated code assigns every init-only property
/// in one object initializer, with <c>default</c> for those the JSON lacks, so the initializer's value would be lost
/// (dotnet/runtime#84484). A settable property is set only when present. <c>TranslationJsonTests</c> checks it.
/// </remarks>
public static class ModelJson
{
    /// <summary>Reading user-written manifests: an unknown field is an error, as <c>kubectl --validate=strict</c>.</summary>
    public static JsonSerializerOptions Strict { get; } = Build(ModelJsonContext.Default, strict: true, indented: false);

    /// <summary>Reading objects from an API server, which may carry fields newer than this model.</summary>
    public static JsonSerializerOptions Lenient { get; } = Build(ModelJsonContext.Default, strict: false, indented: false);

    /// <summary>Writing documents for people (indented).</summary>
    public static JsonSerializerOptions Indented { get; } = Build(ModelJsonContext.Default, strict: false, indented: true);

    /// <summary>
    /// Options of the same shape for the model types and those <paramref name="types"/> knows (a source-generated
    /// <see cref="JsonSerializerContext"/> of another layer, such as the IR's), for documents that hold both.
    /// </summary>
    public static JsonSerializerOptions Create(IJsonTypeInfoResolver types, bool strict, bool indented)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Build(JsonTypeInfoResolver.Combine(ModelJsonContext.Default, types), strict, indented);
    }

    private static JsonSerializerOptions Build(IJsonTypeInfoResolver resolver, bool strict, bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = resolver.WithAddedModifier(OmitEmptyCollections),

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
