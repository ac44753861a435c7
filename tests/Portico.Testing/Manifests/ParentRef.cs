namespace Portico.Testing;

/// <summary>A route's parent Gateway; a plain string converts to a reference by name.</summary>
public sealed record ParentRef(string Name)
{
    public string? Namespace { get; init; }

    public string? SectionName { get; init; }

    public int? Port { get; init; }

    public static implicit operator ParentRef(string name) => new(name);

    public static ParentRef FromString(string name) => new(name);
}
