namespace Portico.Cli.Admin;

/// <summary>A kind <c>portico get/describe</c> accepts, with the names kubectl users type for it.</summary>
internal sealed record ResourceType(string Kind, string Plural, bool Namespaced, IReadOnlyList<string> Aliases)
{
    /// <summary>Lower-case singular, as in messages (<c>gateway "gw" not found</c>).</summary>
    public string Singular => Kind.ToLowerInvariant();
}
