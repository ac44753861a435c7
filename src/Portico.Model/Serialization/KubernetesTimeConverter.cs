using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portico.Model.Serialization;

/// <summary>
/// Kubernetes <c>metav1.Time</c>: RFC 3339 in UTC with whole seconds (<c>2026-01-01T00:00:00Z</c>) on output; any
/// RFC 3339 form on input.
/// </summary>
internal sealed class KubernetesTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"\"{text}\" is not an RFC 3339 time such as 2026-01-01T00:00:00Z");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
