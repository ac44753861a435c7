namespace Portico.Translation.Table;

/// <summary>
/// An entry with the keys the spec orders it by: <see cref="Specificity"/> (kind-specific, compared element by
/// element, larger first), then the route's age (older first), namespace/name, rule index and match index.
/// A struct: one per entry per translation, sorted in place.
/// </summary>
internal readonly record struct RankedEntry<T>(T Entry, Specificity Specificity, DateTimeOffset Created, string Namespace, string Name, int Rule, int Match);
