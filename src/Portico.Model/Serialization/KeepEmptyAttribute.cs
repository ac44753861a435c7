namespace Portico.Model.Serialization;

/// <summary>
/// Marks a collection property that is written even when empty. Every other empty collection is omitted on
/// output, so an object read from a manifest and written back does not grow <c>[]</c> fields it never had.
/// Status fields whose emptiness carries meaning (<c>supportedKinds: []</c>) keep this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KeepEmptyAttribute : Attribute;
