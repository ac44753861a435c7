namespace Portico.Testing;

/// <summary>What a ReferenceGrant exposes; a null name means every object of the kind.</summary>
public sealed record GrantTo(string Kind = "Service", string? Name = null, string Group = "");
