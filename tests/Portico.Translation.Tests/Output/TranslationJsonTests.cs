using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portico.Model.Meta;
using Portico.Routing.Table;
using Portico.Translation.Output;

namespace Portico.Translation.Tests.Output;

/// <summary>
/// The source-generated contracts behind <see cref="TranslationJson"/> (model + IR) read a field a document leaves out as
/// the type's own default, as the reflection-based serializer did: a property with an initializer must not be
/// init-only, or generated code replaces <c>[]</c>, <c>"Service"</c> or <c>1</c> with null or 0 (ModelJson's remarks).
/// </summary>
public sealed class TranslationJsonTests
{
    public static TheoryData<Type> GeneratedObjectTypes() => new(ObjectTypes());

    [Fact]
    public void TheContextsCoverTheModelAndTheIr()
    {
        var types = ObjectTypes();

        Assert.True(types.Count >= 60, $"only {types.Count} generated object types");
        Assert.Contains(typeof(ObjectMeta), types);
        Assert.Contains(typeof(RouteTable), types);
    }

    private static List<Type> ObjectTypes()
    {
        var types = new List<Type>();
        foreach (var type in typeof(ObjectMeta).Assembly.GetExportedTypes().Concat(typeof(RouteTable).Assembly.GetExportedTypes())
                     .Where(static t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && t.GetConstructor(Type.EmptyTypes) is not null)
                     .OrderBy(static t => t.FullName, StringComparer.Ordinal))
        {
            if (TranslationJson.Lenient.TryGetTypeInfo(type, out var info) && info.Kind == JsonTypeInfoKind.Object)
            {
                types.Add(type);
            }
        }

        return types;
    }

    [Theory]
    [MemberData(nameof(GeneratedObjectTypes))]
    public void AnEmptyObject_ReadsAsTheTypesDefaults(Type type)
    {
        var expected = Activator.CreateInstance(type)!;
        var read = JsonSerializer.Deserialize("{}", TranslationJson.Lenient.GetTypeInfo(type))!;

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.GetIndexParameters().Length == 0))
        {
            Assert.True(Describe(property.GetValue(expected)) == Describe(property.GetValue(read)),
                $"{type.Name}.{property.Name}: default {Describe(property.GetValue(expected))}, read from {{}} as {Describe(property.GetValue(read))}");
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IEnumerable items => $"a collection of {items.Cast<object?>().Count()}",
        _ when value.GetType().IsClass => $"a {value.GetType().Name}",
        _ => value.ToString() ?? string.Empty,
    };
}
