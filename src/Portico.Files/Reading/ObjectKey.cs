namespace Portico.Files.Reading;

/// <summary>
/// Identity of an object: API group, kind, namespace (empty when cluster-scoped) and name. The version is not
/// part of it, so ReferenceGrant v1 and v1beta1 with the same name are the same object.
/// </summary>
/// <remarks>
/// The hash is computed once, when the key is made: a key is looked up several times per read of its file (duplicates
/// in the file, then across files, then its history), and the parsed objects of unchanged documents, keys included,
/// are reused from read to read, so a read of a file of thousands of objects hashes only the keys of edited documents.
/// (Not a record: <c>with</c> would copy the hash of the old value.) Equality is ordinal; a key read again shares its
/// strings with the last read, and those compare by reference first.
/// </remarks>
internal readonly struct ObjectKey : IEquatable<ObjectKey>
{
    private readonly int _hash;

    public ObjectKey(string group, string kind, string @namespace, string name)
    {
        Group = group;
        Kind = kind;
        Namespace = @namespace;
        Name = name;
        _hash = HashCode.Combine(group, kind, @namespace, name);
    }

    public string Group { get; }

    public string Kind { get; }

    public string Namespace { get; }

    public string Name { get; }

    public static bool operator ==(ObjectKey left, ObjectKey right) => left.Equals(right);

    public static bool operator !=(ObjectKey left, ObjectKey right) => !left.Equals(right);

    public bool Equals(ObjectKey other) =>
        _hash == other._hash && string.Equals(Name, other.Name, StringComparison.Ordinal) &&
        string.Equals(Namespace, other.Namespace, StringComparison.Ordinal) && string.Equals(Kind, other.Kind, StringComparison.Ordinal) &&
        string.Equals(Group, other.Group, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ObjectKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
