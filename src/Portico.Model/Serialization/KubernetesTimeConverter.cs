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
    // RFC 3339 date-time: a 'T', seconds, optional fraction, and a 'Z' or a numeric offset (never a bare date or a
    // time without a zone, which DateTimeOffset.TryParse would read as "today" or as local time).
    private static readonly string[] Rfc3339 =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParseExact(text, Rfc3339, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"\"{text}\" is not an RFC 3339 time such as 2026-01-01T00:00:00Z");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
