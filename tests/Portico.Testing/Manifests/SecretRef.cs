namespace Portico.Testing;

/// <summary>A listener's certificate reference (a Secret, optionally in another namespace).</summary>
public sealed record SecretRef(string Name, string? Namespace = null);
