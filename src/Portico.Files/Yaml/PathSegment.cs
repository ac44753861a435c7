namespace Portico.Files.Yaml;

/// <summary>One step of a field path: a property name, or (when <see cref="Name"/> is null) a list index.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Property(string name) => new(name, -1);

    public static PathSegment Item(int index) => new(null, index);

    public bool IsProperty => Name is not null;
}
