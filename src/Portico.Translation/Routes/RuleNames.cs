namespace Portico.Translation.Routes;

/// <summary>Rule <c>name</c> uniqueness, which only the experimental CRD enforces (reference §10.20): checked here for every install.</summary>
internal static class RuleNames
{
    /// <param name="seen">Names so far; created on the first named rule.</param>
    public static string? CheckUnique(string? name, int index, ref HashSet<string>? seen) =>
        name is not null && !(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(name)
            ? $"spec.rules[{index}].name \"{name}\" is used by an earlier rule"
            : null;
}
