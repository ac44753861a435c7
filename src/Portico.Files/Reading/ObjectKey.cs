namespace Portico.Files.Reading;

/// <summary>
/// Identity of an object: API group, kind, namespace (empty when cluster-scoped) and name. The version is not
/// part of it, so ReferenceGrant v1 and v1beta1 with the same name are the same object.
/// </summary>
internal readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
